"""The fixed lists of case coordination: programmes, statuses, agencies, reasons, factors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Programme(models.TextChoices):
    SSPF = "sspf", _("SSPF (young people at risk)")
    VICTIM_SUPPORT = "victim_support", _("Vulnerable crime victims")
    EXIT_PROGRAMME = "exit_programme", _("Exit programme")


#: The prefix of a programme's pseudonymous case references (SSPF-2026-014).
REFERENCE_PREFIX = {
    Programme.SSPF: "SSPF",
    Programme.VICTIM_SUPPORT: "BO",
    Programme.EXIT_PROGRAMME: "AVH",
}


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessment")
    ACTIVE = "active", pgettext_lazy("case", "Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


OPEN_STATUSES = (CaseStatus.INTAKE, CaseStatus.ASSESSMENT, CaseStatus.ACTIVE, CaseStatus.PAUSED)

#: Where an open case may move (closing and reopening are their own services).
NEXT_STATUSES: dict[str, set[str]] = {
    CaseStatus.INTAKE: {CaseStatus.ASSESSMENT, CaseStatus.ACTIVE},
    CaseStatus.ASSESSMENT: {CaseStatus.ACTIVE, CaseStatus.PAUSED},
    CaseStatus.ACTIVE: {CaseStatus.PAUSED, CaseStatus.ASSESSMENT},
    CaseStatus.PAUSED: {CaseStatus.ACTIVE, CaseStatus.ASSESSMENT},
}


class Outcome(models.TextChoices):
    GOALS_MET = "goals_met", _("Goals met")
    PARTLY_MET = "partly_met", _("Goals partly met")
    NOT_MET = "not_met", _("Goals not met")
    ENDED_BY_PERSON = "ended_by_person", _("Ended by the person")
    MOVED = "moved", _("Moved away")
    TRANSFERRED = "transferred", _("Transferred to another authority")
    OTHER = "other", _("Other")


class Agency(models.TextChoices):
    """The agencies a consent can cover and a team member belongs to."""

    SCHOOL = "school", _("School")
    SOCIAL_SERVICES = "social_services", _("Social services")
    POLICE = "police", _("Police")
    LEISURE = "leisure", _("Leisure")
    HEALTH_CARE = "health_care", _("Health care")
    HOUSING = "housing", _("Housing company")
    EXIT_PARTNERS = "exit_partners", _("The exit programme's partners")


class PersonRole(models.TextChoices):
    SUBJECT = "subject", _("The person")
    GUARDIAN = "guardian", _("Guardian")
    CONTACT = "contact", _("Other contact")


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIANS = "guardians", _("The guardians")
    PERSON_AND_GUARDIANS = "person_and_guardians", _("The person and the guardians")


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


LEVEL_ORDER = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


class IntakeReason(models.TextChoices):
    # SSPF
    TRUANCY = "truancy", _("Truancy")
    DRUG_SIGNS = "drug_signs", _("Signs of drug use")
    CRIMINAL_PEERS = "criminal_peers", _("Contact with criminal peers")
    POLICE_NOTIFICATION = "police_notification", _("Police notification (10 kap. 18 a § OSL)")
    SUSPECTED_OFFENCE = "suspected_offence", _("Suspected of an offence")
    # Vulnerable victims
    CLOSE_RELATIONSHIP_VIOLENCE = (
        "close_relationship_violence",
        _("Violence in a close relationship"),
    )
    HONOUR_VIOLENCE = "honour_violence", _("Honour-related violence and oppression")
    THREATS = "threats", _("Threats and harassment")
    REPEAT_VICTIMISATION = "repeat_victimisation", _("Repeat victimisation")
    SEXUAL_OFFENCE = "sexual_offence", _("Sexual offence")
    HATE_CRIME = "hate_crime", _("Hate crime")
    # Exit programme
    OWN_REQUEST = "own_request", _("Own request to leave a criminal network")
    REFERRAL_POLICE = "referral_police", _("Referral from the police")
    REFERRAL_PRISON_PROBATION = (
        "referral_prison_probation",
        _("Referral from the Prison and Probation Service"),
    )
    REFERRAL_SOCIAL_SERVICES = "referral_social_services", _("Referral from social services")
    # Any programme
    OTHER_CONCERN = "other_concern", _("Other concern")


R = IntakeReason
INTAKE_REASONS: dict[str, tuple[str, ...]] = {
    Programme.SSPF: (
        R.TRUANCY,
        R.DRUG_SIGNS,
        R.CRIMINAL_PEERS,
        R.POLICE_NOTIFICATION,
        R.SUSPECTED_OFFENCE,
        R.OTHER_CONCERN,
    ),
    Programme.VICTIM_SUPPORT: (
        R.CLOSE_RELATIONSHIP_VIOLENCE,
        R.HONOUR_VIOLENCE,
        R.THREATS,
        R.REPEAT_VICTIMISATION,
        R.SEXUAL_OFFENCE,
        R.HATE_CRIME,
        R.OTHER_CONCERN,
    ),
    Programme.EXIT_PROGRAMME: (
        R.OWN_REQUEST,
        R.REFERRAL_POLICE,
        R.REFERRAL_PRISON_PROBATION,
        R.REFERRAL_SOCIAL_SERVICES,
        R.OTHER_CONCERN,
    ),
}


class RiskFactor(models.TextChoices):
    SCHOOL_ABSENCE = "school_absence", _("School absence")
    SUBSTANCE_USE = "substance_use", _("Alcohol or drug use")
    CRIMINAL_PEERS = "criminal_peers", _("Criminal peers")
    FAMILY_SITUATION = "family_situation", _("Family situation")
    VIOLENCE = "violence", _("Violence or weapons")
    NO_LEISURE = "no_leisure", _("No meaningful leisure")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    PERPETRATOR_THREAT = "perpetrator_threat", _("Threat from the perpetrator")
    REPEAT_VICTIMISATION = "repeat_victimisation", _("Repeat victimisation")
    ISOLATION = "isolation", _("Social isolation")
    CHILDREN_IN_HOUSEHOLD = "children_in_household", _("Children in the household")
    HOUSING = "housing", _("Housing")
    NETWORK_THREAT = "network_threat", _("Threat from the network")
    INCOME = "income", _("Work and income")
    DEBTS = "debts", _("Debts")


F = RiskFactor
RISK_FACTORS: dict[str, tuple[str, ...]] = {
    Programme.SSPF: (
        F.SCHOOL_ABSENCE,
        F.SUBSTANCE_USE,
        F.CRIMINAL_PEERS,
        F.FAMILY_SITUATION,
        F.VIOLENCE,
        F.NO_LEISURE,
        F.MENTAL_HEALTH,
    ),
    Programme.VICTIM_SUPPORT: (
        F.PERPETRATOR_THREAT,
        F.REPEAT_VICTIMISATION,
        F.ISOLATION,
        F.CHILDREN_IN_HOUSEHOLD,
        F.HOUSING,
        F.MENTAL_HEALTH,
    ),
    Programme.EXIT_PROGRAMME: (
        F.NETWORK_THREAT,
        F.SUBSTANCE_USE,
        F.HOUSING,
        F.INCOME,
        F.DEBTS,
        F.MENTAL_HEALTH,
    ),
}


class AgeBandChoice(models.TextChoices):
    UNDER_12 = "0-11", _("Under 12")
    AGE_12_14 = "12-14", _("12–14")
    AGE_15_17 = "15-17", _("15–17")
    AGE_18_20 = "18-20", _("18–20")
    AGE_21_25 = "21-25", _("21–25")
    AGE_26_PLUS = "26-", _("26 or older")
    UNKNOWN = "unknown", _("Unknown")
