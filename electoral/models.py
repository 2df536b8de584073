"""The models of the `electoral` app, re-exported from the area that owns them.

Each area keeps its models in its own folder (`electoral/<area>/models.py`);
this module only re-exports them so that the app label `electoral`, the
tables and the migrations stay as they are, and `from electoral.models
import MunicipalityPage` keeps working. No logic here: add a model to its
area and name it below.
"""

from electoral.editorial.models import (
    ActorEditorGroup,
    CaptureReminder,
    IEEMReviewTask,
    PartyEditorAccount,
)
from electoral.geography.models import (
    DistrictIndexPage,
    DistrictPage,
    GeographyIndexPage,
    GeographyMap,
    MunicipalityDistrict,
    MunicipalityIndexPage,
    MunicipalityPage,
    Section,
    SectionCatalogue,
)
from electoral.glossary.models import GlossaryEntryPage, GlossaryIndexPage, GlossaryRelatedTerm
from electoral.parties.candidacies import Candidacy
from electoral.parties.models import (
    CandidateProfileIndexPage,
    CandidateProfilePage,
    PartiesIndexPage,
    PlatformPage,
    PoliticalActorPage,
    Topic,
)
from electoral.results.models import Contest, VoteOption

__all__ = [
    # editorial
    "ActorEditorGroup",
    "CaptureReminder",
    "IEEMReviewTask",
    "PartyEditorAccount",
    # geography
    "GeographyIndexPage",
    "DistrictIndexPage",
    "MunicipalityIndexPage",
    "DistrictPage",
    "MunicipalityPage",
    "MunicipalityDistrict",
    "Section",
    "GeographyMap",
    "SectionCatalogue",
    # glossary
    "GlossaryIndexPage",
    "GlossaryEntryPage",
    "GlossaryRelatedTerm",
    # parties (parties, coalitions, platforms, candidacies, profiles)
    "Topic",
    "PartiesIndexPage",
    "PoliticalActorPage",
    "PlatformPage",
    "CandidateProfileIndexPage",
    "CandidateProfilePage",
    "Candidacy",
    # results
    "Contest",
    "VoteOption",
]
