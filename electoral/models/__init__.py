"""The electoral domain, one module per area.

Split into modules because the domain is large; import models from here
(`from electoral.models import MunicipalityPage`).
"""

from ..editorial.models import *  # noqa: F403
from ..results.models import *  # noqa: F403
from .candidacies import *  # noqa: F403
from .geography import *  # noqa: F403
from .glossary import *  # noqa: F403
from .parties import *  # noqa: F403
