"""The works the library's vocabulary, rules and measures come from.

Every vocabulary member, assessment rule and metric names its sources by key
(for example ``"Boivin2022"``); :data:`BIBLIOGRAPHY` maps each key to a full
:class:`Reference`. Only facts that were checked against a readable source are
recorded: where a volume, page range or DOI could not be confirmed it is left
out and :attr:`Reference.note` says so.

Examples:
    >>> from partnership_model.bibliography import reference
    >>> ref = reference("Boivin2022")
    >>> ref.doi
    '10.1111/hex.13571'
    >>> print(ref.citation())  # doctest: +NORMALIZE_WHITESPACE
    Boivin A, Dumez V, Castonguay G, Berkesse A (2022). The Ecology of
    Engagement: fostering cooperative efforts in health with patients and
    communities. Health Expectations 25(5):2314-2327.
    https://doi.org/10.1111/hex.13571
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from partnership_model.exceptions import UnknownReferenceError

__all__ = ["BIBLIOGRAPHY", "Reference", "reference"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Reference:
    """One bibliographic reference.

    Attributes:
        key: Stable citation key used throughout the package.
        authors: Author names as ``"Family Initials"``; empty when unknown.
        title: Title of the work.
        year: Year of publication, when known.
        container: Journal, book, website or event the work appeared in.
        details: Volume, issue and pages, when confirmed.
        doi: DOI without the ``https://doi.org/`` prefix, when confirmed.
        url: A public address of the work or of its record.
        note: What the project verified, and what it could not.
        kind: ``"article"``, ``"book"``, ``"chapter"``, ``"report"``,
            ``"web"``, ``"slides"`` or ``"thesis"``.
    """

    key: str
    authors: tuple[str, ...]
    title: str
    year: int | None = None
    container: str | None = None
    details: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None
    kind: str = "article"

    def citation(self) -> str:
        """Format the reference as one line of plain text (Vancouver-like)."""
        parts: list[str] = []
        who = ", ".join(self.authors) if self.authors else "[authors not recorded]"
        year = f" ({self.year})" if self.year is not None else ""
        parts.append(f"{who}{year}.")
        parts.append(self.title.rstrip(".") + ".")
        if self.container:
            tail = f" {self.details}" if self.details else ""
            parts.append(f"{self.container}{tail}.")
        if self.doi:
            parts.append(f"https://doi.org/{self.doi}")
        elif self.url:
            parts.append(self.url)
        return " ".join(parts)

    @property
    def link(self) -> str | None:
        """The DOI link if there is a DOI, else the URL, else ``None``."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


_REFERENCES = (
    # -- Core frameworks -------------------------------------------------------
    Reference(
        key="Pomey2015",
        authors=(
            "Pomey M-P",
            "Flora L",
            "Karazivan P",
            "Dumez V",
            "Lebel P",
            "Vanier M-C",
            "Débarges B",
            "Clavel N",
            "Jouet E",
        ),
        title=(
            "Le « Montreal model » : enjeux du partenariat relationnel entre "
            "patients et professionnels de la santé"
        ),
        year=2015,
        container="Santé Publique",
        details="27(1 Suppl.):S41-S50",
        url="http://www.cairn.info/revue-sante-publique-2015-HS-page-41.htm",
        note=(
            "The paper that named the Montreal model's degree x level grid. "
            "Its DOI could not be confirmed and is not recorded; the cell texts "
            "of its Table I were not readable."
        ),
    ),
    Reference(
        key="Karazivan2015",
        authors=(
            "Karazivan P",
            "Dumez V",
            "Flora L",
            "Pomey M-P",
            "Del Grande C",
            "Ghadiri DP",
            "Fernandez N",
            "Jouet E",
            "Las Vergnas O",
            "Lebel P",
        ),
        title=(
            "The patient-as-partner approach in health care: a conceptual "
            "framework for a necessary transition"
        ),
        year=2015,
        container="Academic Medicine",
        details="April 2015 issue (Perspective)",
        doi="10.1097/ACM.0000000000000603",
        note="Volume and page numbers were not confirmed and are not recorded.",
    ),
    Reference(
        key="GH2024",
        authors=(),
        title="Le modèle de Montréal - Quelle mise en œuvre depuis 2015 ?",
        year=2024,
        container="Gestions hospitalières",
        details="no. 633, February 2024",
        url="https://gestions-hospitalieres.fr/le-modele-de-montreal/",
        note=(
            "Names the 2015 degrees as information, consultation, collaboration "
            "and co-construction. Authors not recorded."
        ),
    ),
    Reference(
        key="Boivin2022",
        authors=("Boivin A", "Dumez V", "Castonguay G", "Berkesse A"),
        title=(
            "The Ecology of Engagement: fostering cooperative efforts in health "
            "with patients and communities"
        ),
        year=2022,
        container="Health Expectations",
        details="25(5):2314-2327",
        doi="10.1111/hex.13571",
        note="PMC9615077; PMID 35923116. Figure 2 defines bonding, bridging and linking.",
    ),
    Reference(
        key="Carman2013",
        authors=(
            "Carman KL",
            "Dardess P",
            "Maurer M",
            "Sofaer S",
            "Adams K",
            "Bechtel C",
            "Sweeney J",
        ),
        title=(
            "Patient and family engagement: a framework for understanding the "
            "elements and developing interventions and policies"
        ),
        year=2013,
        container="Health Affairs",
        details="32(2):223-231",
        doi="10.1377/hlthaff.2012.1133",
    ),
    Reference(
        key="Pomey2019",
        authors=(
            "Pomey M-P",
            "Dumez V",
            "Boivin A",
            "Rouly G",
            "Lebel P",
            "Berkesse A",
            "Descoteaux A",
            "Jackson M",
            "Karazivan P",
            "Clavel N",
        ),
        title=(
            "The participation of patients and relatives in Quebec's health "
            "system: the Montréal model"
        ),
        year=2019,
        container=(
            "Patient Engagement: How Patient-Provider Partnerships Transform "
            "Healthcare Organizations (Springer/Palgrave)"
        ),
        details="pp. 17-61",
        kind="chapter",
        note="Editors not recorded.",
    ),
    Reference(
        key="AlteringFrontiers2021",
        authors=("Grenier C (ed.)", "Oiry E (ed.)"),
        title="Altering Frontiers: Organizational Innovations in Healthcare",
        year=2021,
        container="ISTE / Wiley",
        details="ch. 1; ISBN 978-1-78630-707-1",
        kind="book",
        note=(
            "Chapter 1 (on the recognition of patients' experiential knowledge) "
            "is the excerpt the project's seed S0 comes from; its authors were "
            "not confirmed."
        ),
    ),
    Reference(
        key="Flora2012",
        authors=("Flora L",),
        title=(
            "Le patient formateur : élaboration théorique et pratique d'un "
            "nouveau métier de la santé"
        ),
        year=2012,
        container="Doctoral thesis, Université Paris 8 Vincennes-Saint-Denis",
        kind="thesis",
    ),
    Reference(
        key="Vanier2014",
        authors=("Vanier M-C", "Dumez V", "Drouin E", "Brault I", "et al."),
        title="Partners in interprofessional education: integrating patients-as-trainers",
        year=2014,
        container=(
            "Fulmer T, Gaines M (eds). Partnering with Patients, Families, and "
            "Communities to Link Interprofessional Practice and Education. "
            "Josiah Macy Jr. Foundation"
        ),
        details="pp. 73-84",
        kind="chapter",
    ),
    # -- Seeds: secondary sources supplied with the project ----------------------
    Reference(
        key="Berkesse2024Bern",
        authors=("Berkesse A",),
        title=(
            "Le partenariat entre personnes concernées par des défis de santé et "
            "professionnels de la santé : fondements, méthodologie, exemples et "
            "apprentissages au Canada et en France"
        ),
        year=2024,
        container="Slide deck, CEPPP, Bern, 16 November 2024",
        kind="slides",
        note=(
            "Seed S1. Reproduces the Montreal matrix, the Ecology of Engagement "
            "figure 2, the HAS 2020 key points, the tiers' actions and the "
            "practice reflexes and vigilance points."
        ),
    ),
    Reference(
        key="Berkesse2024",
        authors=("Berkesse A",),
        title=(
            "Le partenariat comme catalyseur de la démocratie en santé : le rôle "
            "des tiers dans la mise en place d'un environnement relationnel "
            "encapacitant"
        ),
        year=2024,
        container="Gestions hospitalières",
        details="no. 633, February 2024",
        note="Read through its reproduction in seed S1; pages not recorded.",
    ),
    Reference(
        key="CHRUNancy",
        authors=(),
        title="Le partenariat patient, un modèle innovant",
        container="CHRU de Nancy; republished by UniverCité du soin",
        url="http://univercitedusoin.eu/initiative-le-partenariat-patient-un-modele-innovant/",
        kind="web",
        note="Seed S3. Original journal, authors and year not confirmed.",
    ),
    Reference(
        key="SSAQuebec2023",
        authors=(),
        title=(
            "Patients partenaires : 1 posture de coconstruction, 5 domaines "
            "d'implication, 1 continuum d'engagement"
        ),
        year=2023,
        container="Web article, probably by the Unité de soutien SSA Québec",
        kind="web",
        note=(
            "Seed S4, drawing on Expériences magazine no. 5 (October 2023) and a "
            "panel of 29 November 2023. Publisher probable, URL not confirmed."
        ),
    ),
    Reference(
        key="CI3P2020",
        authors=(),
        title=(
            "International days on care partnership with the patient "
            "(28-29 September 2020)"
        ),
        year=2020,
        container="Centre d'innovation du partenariat avec les patients et le public (CI3P)",
        kind="web",
        note="Seed S2; publisher URL not confirmed.",
    ),
    # -- Social capital and network measures ------------------------------------
    Reference(
        key="SzreterWoolcock2004",
        authors=("Szreter S", "Woolcock M"),
        title=(
            "Health by association? Social capital, social theory, and the "
            "political economy of public health"
        ),
        year=2004,
        container="International Journal of Epidemiology",
        details="33(4):650-667",
        doi="10.1093/ije/dyh013",
    ),
    Reference(
        key="Strathclyde2005",
        authors=(),
        title=(
            "Response to Szreter and Woolcock, 'Health by association? Social "
            "capital, social theory, and the political economy of public health'"
        ),
        year=2005,
        container="International Journal of Epidemiology",
        details="34(2):488-490",
        note=(
            "Reads linking social capital as a specialised form of bridging between "
            "acknowledged unequals. Recorded in the University of Strathclyde's "
            "repository; its author and exact title were not confirmed."
        ),
    ),
    Reference(
        key="Putnam2000",
        authors=("Putnam RD",),
        title="Bowling Alone: The Collapse and Revival of American Community",
        year=2000,
        container="New York: Simon & Schuster",
        kind="book",
    ),
    Reference(
        key="Woolcock2001",
        authors=("Woolcock M",),
        title=(
            "The place of social capital in understanding social and economic outcomes"
        ),
        year=2001,
        container="Isuma: Canadian Journal of Policy Research",
        details="2(1)",
        url="http://isuma.net/v02n01/index_e.shtml",
    ),
    Reference(
        key="GeysMurdoch2008",
        authors=("Geys B", "Murdoch Z"),
        title=(
            "How to make head or tail of 'bridging' and 'bonding'?: addressing "
            "the methodological ambiguity"
        ),
        year=2008,
        container="British Journal of Sociology",
        details="59(3)",
        note="Pages and DOI not confirmed.",
    ),
    Reference(
        key="KrackhardtStern1988",
        authors=("Krackhardt D", "Stern RN"),
        title=(
            "Informal networks and organizational crises: an experimental simulation"
        ),
        year=1988,
        container="Social Psychology Quarterly",
        details="51(2):123-140",
        url="http://www.jstor.org/stable/2786835",
        note="Source of the E-I index.",
    ),
    Reference(
        key="GouldFernandez1989",
        authors=("Gould RV", "Fernandez RM"),
        title=(
            "Structures of mediation: a formal approach to brokerage in "
            "transaction networks"
        ),
        year=1989,
        container="Sociological Methodology",
        details="19:89-126",
        doi="10.2307/270949",
        note="Source of the five brokerage roles.",
    ),
    # -- Participation ladders and spectra --------------------------------------
    Reference(
        key="Arnstein1969",
        authors=("Arnstein SR",),
        title="A ladder of citizen participation",
        year=1969,
        container="Journal of the American Institute of Planners",
        details="35(4):216-224",
        note=(
            "Reprinted in Journal of the American Planning Association "
            "2019;85(1):24-34, doi 10.1080/01944363.2018.1559388."
        ),
    ),
    Reference(
        key="IAP2",
        authors=("International Association for Public Participation",),
        title="IAP2 Spectrum of Public Participation",
        container="IAP2 Federation",
        url="http://iap2canada.ca/page-1020549",
        kind="web",
        note=(
            "The IAP2 Federation asks for permission before its wording is "
            "reused: this library ships the five level names and its own "
            "paraphrases only."
        ),
    ),
    # -- France: HAS -------------------------------------------------------------
    Reference(
        key="HAS2020",
        authors=("Haute Autorité de santé",),
        title=(
            "Soutenir et encourager l'engagement des usagers dans les secteurs "
            "social, médico-social et sanitaire"
        ),
        year=2020,
        container="Recommendation, validated by the Collège on 23 July 2020",
        url=(
            "https://www.has-sante.fr/jcms/p_3201812/fr/soutenir-et-encourager-"
            "l-engagement-des-usagers-dans-les-secteurs-social-medico-social-et-"
            "sanitaire"
        ),
        kind="report",
        note=(
            "Its synthesis names, among other recognition modalities, defined "
            "statuses, expense reimbursement, indemnity or remuneration and VAE, "
            "and asks to aim for the highest feasible level of engagement. It "
            "names no degree scale that could be confirmed."
        ),
    ),
    Reference(
        key="HASComprendre",
        authors=("Haute Autorité de santé",),
        title="Comprendre l'engagement des usagers",
        container="has-sante.fr",
        url="https://www.has-sante.fr/jcms/p_3305058/fr/comprendre-l-engagement-des-usagers",
        kind="web",
    ),
    Reference(
        key="HASCEU2023",
        authors=("Haute Autorité de santé, Conseil pour l'engagement des usagers",),
        title=(
            "Renforcer la reconnaissance sociale des usagers pour leur engagement "
            "et leur participation dans les secteurs social, médico-social et "
            "sanitaire (avis no. 2-2023)"
        ),
        year=2023,
        container="Validated by the HAS Collège on 13 July 2023",
        kind="report",
        note="Read through secondary summaries; the full list of its principles was not confirmed.",
    ),
    Reference(
        key="FHP2021",
        authors=(),
        title="3 questions à Christian Saout",
        year=2021,
        container="FHP-MCO",
        url="https://www.fhpmco.fr/2021/11/15/12-3-questions-christian-saout/",
        kind="web",
        note="Distinguishes representation in statutory bodies from engagement.",
    ),
    # -- Research engagement and patient knowledge -----------------------------
    Reference(
        key="DumezLEsperance2024",
        authors=("Dumez V", "L'Espérance A"),
        title="Beyond experiential knowledge: a classification of patient knowledge",
        year=2024,
        container="Social Theory & Health",
        details="published online 4 June 2024",
        doi="10.1057/s41285-024-00208-3",
    ),
    Reference(
        key="Forsythe2016",
        authors=(
            "Forsythe LP",
            "Ellis LE",
            "Edmundson L",
            "Sabharwal R",
            "Rein A",
            "Konopka K",
            "Frank L",
        ),
        title=(
            "Patient and stakeholder engagement in the PCORI pilot projects: "
            "description and lessons learned"
        ),
        year=2016,
        container="Journal of General Internal Medicine",
        details="31(1):13-21",
        doi="10.1007/s11606-015-3450-z",
    ),
    Reference(
        key="CTODecisionAid",
        authors=("Clinical Trials Ontario",),
        title="Patient partner decision aid: My Priorities",
        url="https://ctontario.ca/decision-aids/investigators/my-priorities/",
        kind="web",
    ),
    Reference(
        key="CIHRSPOR",
        authors=("Canadian Institutes of Health Research",),
        title="Strategy for Patient-Oriented Research - Patient Engagement Framework",
        year=2014,
        url="https://cihr-irsc.gc.ca/e/48413.html",
        kind="web",
    ),
    Reference(
        key="LearningTogether2023",
        authors=("L'Espérance A", "Bogdanova E", "Canfield C", "et al.", "Boivin A"),
        title=(
            "Learning Together: evaluation framework for patient and public "
            "engagement (PPE) in research"
        ),
        year=2023,
        container="CEPPP",
        url=(
            "https://ceppp.ca/en/resources/tools/learning-together-evaluation-"
            "framework-for-patient-and-public-engagement-ppe-in-research/"
        ),
        kind="report",
    ),
    Reference(
        key="Clavel2019",
        authors=("Clavel N", "Pomey M-P", "Ghadiri DP"),
        title=(
            "Partnering with patients in quality improvement: towards renewed "
            "practices for healthcare organization managers?"
        ),
        year=2019,
        container="BMC Health Services Research",
        url="https://pmc.ncbi.nlm.nih.gov/articles/PMC6839263/",
        note="PMC6839263; volume and article number not recorded.",
    ),
    # -- Real cases ---------------------------------------------------------------
    Reference(
        key="MSSSTriage2020",
        authors=("Ministère de la Santé et des Services sociaux du Québec",),
        title=(
            "Priorisation pour l'accès aux soins intensifs (adultes) en contexte "
            "extrême de pandémie"
        ),
        year=2020,
        details="version of 2020-11-02, updated 2021-12-21",
        kind="report",
    ),
    Reference(
        key="LaPresse2021",
        authors=(),
        title=(
            "Report that patients who would be excluded by the triage protocol "
            "took part in drafting it"
        ),
        year=2021,
        container="La Presse, 19 January 2021",
        kind="web",
    ),
    Reference(
        key="Biaudet2024",
        authors=("Biaudet J", "et al."),
        title=(
            "Des patients impliqués dans le financement de la recherche : le "
            "groupe ECLAIR du Cancéropôle CLARA"
        ),
        year=2024,
        container="Psycho-Oncologie",
        details="18(1):17-22",
        doi="10.32604/po.2023.043536",
        note="Title abridged as recorded by the project's domain brief.",
    ),
    Reference(
        key="partnership_model",
        authors=("partnership_model developers",),
        title="partnership_model: conventions of the library",
        container="partnership_model documentation",
        kind="web",
        note=(
            "Cited for conventions this library introduces itself (for example "
            "the severity scale of assessment findings), not for domain facts."
        ),
    ),
    Reference(
        key="Michel2022",
        authors=(
            "Michel P",
            "Dadon I",
            "Thual G",
            "Baumlin-Leyi C",
            "Volta-Paulet B",
            "Haesebaert J",
            "Berkesse A",
        ),
        title=(
            "Les voies/voix plurielles pour développer le « partenariat patient » "
            "et l'« expérience patient » aux Hospices civils de Lyon : une "
            "démarche stratégique, intégrée et modélisante"
        ),
        year=2022,
        container="Risques & Qualité",
        details="19(4):205-216",
    ),
)

BIBLIOGRAPHY: Mapping[str, Reference] = MappingProxyType(
    {ref.key: ref for ref in _REFERENCES}
)
"""Every reference the package cites, by key (read-only)."""


def reference(key: str) -> Reference:
    """Return the reference cited under *key*.

    Raises:
        UnknownReferenceError: No reference has that key.
    """
    try:
        return BIBLIOGRAPHY[key]
    except KeyError:
        raise UnknownReferenceError(key, "bibliography key") from None
