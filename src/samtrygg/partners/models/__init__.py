from samtrygg.partners.models.partners import ContactErasure, ContactPerson, Partner, PartnerKind

__all__ = ["ContactErasure", "ContactPerson", "Partner", "PartnerKind"]
