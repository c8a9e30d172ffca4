"""Writes of the lägesbild workflow: draft → review → published, and the frozen versions.

Rules (documented in docs/situation.md):

* Coordinators and analysts create and edit reports. Editing a report in review changes
  its content hash, so earlier signatures no longer count (they are marked invalid with
  the reason); editing a published report starts the draft of its next version.
* A report created from the form starts with every section drafted from its figures;
  one section can be drafted again (``report_section_redraft``) keeping the others.
* Sending to review needs the checklist complete (``situation.checklist``: the law's three
  parts, the sources, the prioritised problems each with the situational, victim and
  offender perspective), says everything missing in one message, and freezes the
  figures (and the public figures) that will be signed.
* Two signatures publish: one for the municipality (a coordinator or analyst of a
  municipal office or unit) and one for the police (a police officer or analyst of a
  police organisation). One person never signs twice — not for both sides, not twice for
  one side. A signature is of the content as it was (its hash); any later change voids it.
* Publishing (by a coordinator or analyst) freezes a numbered ``SituationVersion``.
  Versions never change; a coordinator may withdraw one from the public picture.
* Signing, publishing and withdrawing — done or refused — are recorded as
  ``ReportEvent`` rows (part of the audit trail, with the reason for a refusal).

Split by step; everything is importable from ``samtrygg.situation.services``.
"""

from samtrygg.situation.services.comments import (
    COMMENT_MAX,
    NOTE_MAX,
    comment_create,
    comment_resolve,
    weekly_note_save,
)
from samtrygg.situation.services.common import (
    PublishingRefused,
    SigningRefused,
    content_hash,
    report_params,
    report_scope,
    valid_signatures,
)
from samtrygg.situation.services.publishing import (
    report_publish,
    version_unpublish_refuse,
    version_withdraw,
)
from samtrygg.situation.services.reports import (
    SECTION_MAX,
    TITLE_MAX,
    report_create,
    report_refresh_figures,
    report_return_to_draft,
    report_section_redraft,
    report_section_update,
    report_submit,
    report_update,
)
from samtrygg.situation.services.signing import (
    MUNICIPAL_KINDS,
    SIDE_RULES,
    report_sign,
    signing_capacity,
)

__all__ = [
    "COMMENT_MAX",
    "MUNICIPAL_KINDS",
    "NOTE_MAX",
    "SECTION_MAX",
    "SIDE_RULES",
    "TITLE_MAX",
    "PublishingRefused",
    "SigningRefused",
    "comment_create",
    "comment_resolve",
    "content_hash",
    "report_create",
    "report_params",
    "report_publish",
    "report_refresh_figures",
    "report_return_to_draft",
    "report_scope",
    "report_section_redraft",
    "report_section_update",
    "report_sign",
    "report_submit",
    "report_update",
    "signing_capacity",
    "valid_signatures",
    "version_unpublish_refuse",
    "version_withdraw",
    "weekly_note_save",
]
