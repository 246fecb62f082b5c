"""Fictional sample content for the demo and for load tests.

Every narrative built from this is invented: the sentences paraphrase the *kinds* of reasons
for leaving that published research reports, and no sentence describes a real person. Sample
rows are flagged ``is_sample`` and their titles start with "Sample".
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class MessageSpec(TypedDict):
    """A sample message of a sample campaign."""

    language: str
    headline: str
    body: str
    cta_text: str
    reason: str  # the code of the reason whose excerpt it quotes
    status: NotRequired[str]  # "draft" (the default), "in_review", "approved" or "live"
    # A carousel: one excerpt of each of these reasons, a slide each (the quote card else).
    carousel_reasons: NotRequired[list[str]]


class CampaignSpec(TypedDict):
    """A sample campaign: its model fields, its key, and its messages."""

    key: str
    name: str
    goal: str
    audience_stage: str
    objectives: str
    audience_regions: list[str]
    audience_languages: list[str]
    audience_age_min: int
    audience_age_max: int
    platforms: list[str]
    key_message: str
    counters_claim: str
    messenger_type: str
    messenger_credibility: str
    channels: str
    cta_text: str
    cta_url: str
    cta_helpline: str
    monitoring_plan: str
    risk_assessment: str
    safeguarding_contact: str
    messages: list[MessageSpec]


# The study's sample: 58 people from 17 countries.
COUNTRY_COUNTS = [
    ("SY", 10),
    ("IQ", 5),
    ("GB", 5),
    ("FR", 5),
    ("DE", 4),
    ("TN", 4),
    ("BE", 3),
    ("MA", 3),
    ("SA", 3),
    ("NL", 2),
    ("SE", 2),
    ("DK", 2),
    ("AU", 2),
    ("TR", 2),
    ("RU", 2),
    ("BA", 2),
    ("ID", 2),
]

# The language each sample's account is written in, by country of origin; sample texts exist
# in English, French and Arabic.
COUNTRY_LANGUAGES = {
    "SY": ["ar"],
    "IQ": ["ar"],
    "SA": ["ar"],
    "TN": ["ar", "fr"],
    "MA": ["fr", "ar"],
    "FR": ["fr"],
    "BE": ["fr", "en"],
}

OPENINGS = {
    "en": [
        "[Sample, fictional] I went because I believed the promises I saw online.",
        "[Sample, fictional] When I travelled, I thought I was joining something pure.",
        "[Sample, fictional] At first I told myself that the hardships were a test.",
    ],
    "fr": [
        "[Exemple fictif] Je suis parti parce que je croyais aux promesses vues en ligne.",
        "[Exemple fictif] Quand j'ai voyagé, je pensais rejoindre quelque chose de pur.",
        "[Exemple fictif] Au début, je me disais que les épreuves étaient un test.",
    ],
    "ar": [
        "[مثال خيالي] ذهبت لأنني صدّقت الوعود التي رأيتها على الإنترنت.",
        "[مثال خيالي] عندما سافرت ظننت أنني أنضم إلى شيء نقي.",
        "[مثال خيالي] في البداية كنت أقول لنفسي إن المشقة امتحان.",
    ],
}

CLOSINGS = {
    "en": [
        "In the end I understood that staying meant losing myself, so I left.",
        "Leaving was dangerous, but staying had become impossible.",
        "I left, and I want others to know what I saw before they make my mistake.",
    ],
    "fr": [
        "À la fin, j'ai compris que rester voulait dire me perdre, alors je suis parti.",
        "Partir était dangereux, mais rester était devenu impossible.",
        "Je suis parti, et je veux que d'autres sachent ce que j'ai vu.",
    ],
    "ar": [
        "في النهاية فهمت أن البقاء يعني أن أخسر نفسي، فغادرت.",
        "كان الرحيل خطراً، لكن البقاء أصبح مستحيلاً.",
        "غادرت، وأريد أن يعرف الآخرون ما رأيته قبل أن يكرروا خطئي.",
    ],
}

# One sentence per sub-reason and language: what a person might say about it.
SUB_REASON_SENTENCES = {
    "infighting_sunni_rebels": {
        "en": "We spent our days fighting other Sunni rebels, not the regime we came to oppose.",
        "fr": "Nous passions nos journées à combattre d'autres rebelles sunnites, pas le régime.",
        "ar": "كنا نقضي أيامنا في قتال فصائل سنية أخرى بدلاً من قتال النظام.",
    },
    "infighting_assad": {
        "en": "The regime was left alone while the leaders chased territory from other groups.",
        "fr": "On laissait le régime tranquille pendant que les chefs prenaient du terrain aux autres.",
        "ar": "تُرك النظام وشأنه بينما انشغل القادة بانتزاع الأرض من الفصائل الأخرى.",
    },
    "infighting_spies": {
        "en": "Everyone suspected everyone; a careless word could get you called a spy.",
        "fr": "Tout le monde soupçonnait tout le monde ; un mot de trop et on vous traitait d'espion.",
        "ar": "كان الجميع يشك في الجميع، وكلمة واحدة قد تجعلك متهماً بالتجسس.",
    },
    "brutality_civilians": {
        "en": "When civilians died in the strikes, nobody in command seemed to care.",
        "fr": "Quand des civils mouraient, personne au commandement ne semblait s'en soucier.",
        "ar": "عندما كان المدنيون يموتون لم يكن أحد من القادة يكترث.",
    },
    "brutality_hostages": {
        "en": "They killed hostages for the cameras, and called it a victory.",
        "fr": "Ils tuaient des otages devant les caméras et appelaient cela une victoire.",
        "ar": "كانوا يقتلون الرهائن أمام الكاميرات ويسمّون ذلك نصراً.",
    },
    "brutality_villagers": {
        "en": "The villagers we were told to protect were treated like enemies.",
        "fr": "Les villageois que nous devions protéger étaient traités comme des ennemis.",
        "ar": "أهل القرى الذين قيل لنا إننا نحميهم عوملوا كالأعداء.",
    },
    "brutality_own_fighters": {
        "en": "I saw our own fighters executed for doubting an order.",
        "fr": "J'ai vu nos propres combattants exécutés pour avoir douté d'un ordre.",
        "ar": "رأيت مقاتلين منا يُعدمون لأنهم شككوا في أمر.",
    },
    "corruption_favouritism": {
        "en": "Positions went to friends of the commanders, not to the devout or the able.",
        "fr": "Les postes allaient aux amis des chefs, pas aux plus pieux ni aux plus capables.",
        "ar": "كانت المناصب تذهب لأصدقاء القادة لا للأتقياء ولا للأكفاء.",
    },
    "corruption_foreign_fighters": {
        "en": "Foreign fighters got better houses and pay while local men went without.",
        "fr": "Les combattants étrangers avaient de meilleures maisons et soldes que les locaux.",
        "ar": "حصل المقاتلون الأجانب على بيوت ورواتب أفضل بينما حُرم أبناء البلد.",
    },
    "corruption_leaders": {
        "en": "The leaders preached purity and lived like the rulers they condemned.",
        "fr": "Les chefs prêchaient la pureté et vivaient comme les dirigeants qu'ils condamnaient.",
        "ar": "كان القادة يعظون بالطهارة ويعيشون كالحكام الذين كانوا يدينونهم.",
    },
    "corruption_enemy_deals": {
        "en": "They sold oil to the very people they told us were the enemy.",
        "fr": "Ils vendaient du pétrole à ceux qu'ils nous présentaient comme l'ennemi.",
        "ar": "كانوا يبيعون النفط لمن قالوا لنا إنهم العدو.",
    },
    "qol_promises": {
        "en": "The house, the salary and the dignity we were promised never came.",
        "fr": "La maison, le salaire et la dignité promis ne sont jamais venus.",
        "ar": "البيت والراتب والكرامة التي وُعدنا بها لم تأتِ أبداً.",
    },
    "qol_shortages": {
        "en": "There was rarely electricity, and even bread and medicine ran short.",
        "fr": "Il y avait rarement de l'électricité, et même le pain et les médicaments manquaient.",
        "ar": "نادراً ما كانت هناك كهرباء، وحتى الخبز والدواء كانا ينفدان.",
    },
    "qol_menial": {
        "en": "Instead of the cause I imagined, I guarded empty buildings for months.",
        "fr": "Au lieu de la cause imaginée, j'ai gardé des bâtiments vides pendant des mois.",
        "ar": "بدلاً من القضية التي تخيلتها، قضيت شهوراً أحرس مباني فارغة.",
    },
    "qol_cannon_fodder": {
        "en": "New arrivals were sent to the front first, or pushed to become suicide bombers.",
        "fr": "Les nouveaux étaient envoyés au front en premier, ou poussés à l'attentat-suicide.",
        "ar": "كان القادمون الجدد يُرسلون إلى الجبهة أولاً أو يُدفعون إلى العمليات الانتحارية.",
    },
}

TITLES = {
    "en": "Sample account {n:03d}: why I left",
    "fr": "Récit d'exemple {n:03d} : pourquoi je suis parti",
    "ar": "رواية نموذجية {n:03d}: لماذا غادرت",
}

CAMPAIGNS: list[CampaignSpec] = [
    {
        "key": "sample-campaign-promise",
        "name": "Sample: The promise and the reality",
        "goal": "prevent_joining",
        "audience_stage": "prevention",
        "objectives": "Reach 50,000 young people in the target regions; 2% click through to "
        "the help-line page.",
        "audience_regions": ["western_europe", "northern_africa"],
        "audience_languages": ["en", "fr", "ar"],
        "audience_age_min": 15,
        "audience_age_max": 24,
        "platforms": ["instagram", "tiktok"],
        "key_message": "What recruiters promise is not what people found.",
        "counters_claim": "A life of dignity, purpose and plenty awaits those who join.",
        "messenger_type": "former",
        "messenger_credibility": "Former members speak from experience recruiters cannot deny.",
        "channels": "Paid social media placements; partner NGO channels.",
        "cta_text": "Worried about someone? Talk to us, in confidence.",
        "cta_url": "https://example.org/help",
        "cta_helpline": "0800 000 000",
        "monitoring_plan": "Weekly partner metrics; a review after four weeks.",
        "risk_assessment": "Low: no testimony is attributable to a person.",
        "safeguarding_contact": "safeguarding@example.org",
        "messages": [
            {
                "language": "en",
                "headline": "They promised a house and a salary. Nothing came.",
                "body": "People who left tell the same story: the promises were empty.",
                "cta_text": "Talk to someone who has heard it before.",
                "reason": "qol_promises",
                "status": "live",
            },
            {
                "language": "ar",
                "headline": "وعدوهم بالبيت والراتب، ولم يأتِ شيء.",
                "body": "من غادروا يروون القصة نفسها: كانت الوعود فارغة.",
                "cta_text": "تحدّث إلى من يفهمك.",
                "reason": "qol_shortages",
                "status": "in_review",
            },
            {
                "language": "en",
                "headline": "Three people who left, in their own words.",
                "body": "What they were promised, and what they found.",
                "cta_text": "Talk to someone who has heard it before.",
                "reason": "qol_promises",
                "carousel_reasons": ["qol_promises", "qol_shortages", "qol_menial"],
                "status": "approved",
            },
        ],
    },
    {
        "key": "sample-campaign-way-out",
        "name": "Sample: There is a way out",
        "goal": "encourage_leaving",
        "audience_stage": "exit",
        "objectives": "Increase contacts to exit programmes by 10% over the campaign.",
        "audience_regions": ["western_asia"],
        "audience_languages": ["ar", "fr"],
        "audience_age_min": 18,
        "audience_age_max": 35,
        "platforms": ["telegram", "facebook"],
        "key_message": "Others have doubted, and others have left.",
        "counters_claim": "Leaving is betrayal, and there is no way back.",
        "messenger_type": "former",
        "messenger_credibility": "Defectors describe the same doubts the audience has.",
        "channels": "Partner exit programmes' channels.",
        "cta_text": "An exit programme can help you, confidentially.",
        "cta_url": "https://example.org/exit",
        "cta_helpline": "",
        "monitoring_plan": "Contacts to partner exit programmes, monthly.",
        "risk_assessment": "Medium: audience may be under surveillance; no tracking links.",
        "safeguarding_contact": "safeguarding@example.org",
        "messages": [
            {
                "language": "fr",
                "headline": "Ils prêchaient la pureté et vivaient comme des princes.",
                "body": "Ceux qui sont partis ont vu la corruption de près.",
                "cta_text": "Un programme de sortie peut vous aider.",
                "reason": "corruption_leaders",
                "status": "approved",
            },
            {
                "language": "ar",
                "headline": "رأوا مقاتلين يُعدمون لأنهم شكّوا.",
                "body": "الشك ليس خيانة. هناك طريق للخروج.",
                "cta_text": "برنامج الخروج يستطيع مساعدتك بسرية.",
                "reason": "brutality_own_fighters",
                "status": "draft",
            },
        ],
    },
]

# The demo vault: realistic fictional identities for the sample source records, so that the
# vault holds what a real one would (names, an alias, a kunya, a home town, a contact) and the
# sample narratives raise findings only where they would in real use. Combined by sample number
# (demo/seed.py); none of these combinations describes a real person.
VAULT_GIVEN = {
    "male": [
        "Karim",
        "Yassin",
        "Samir",
        "Bilal",
        "Hakim",
        "Nabil",
        "Tarek",
        "Walid",
        "Anas",
        "Rami",
        "Fadi",
        "Jamil",
        "Idris",
        "Younes",
        "Marwan",
        "Ziad",
        "Khaled",
        "Adnan",
        "Sofiane",
    ],
    "female": ["Salma", "Rania", "Leila", "Hiba", "Dalia", "Samira", "Yasmin"],
}
VAULT_SURNAMES = [
    "Haddad",
    "Mansouri",
    "Khatib",
    "Azizi",
    "Benali",
    "Sabbagh",
    "Darwish",
    "Qasimi",
    "Nasser",
    "Farhat",
    "Halabi",
    "Jaziri",
    "Rahmani",
    "Tahiri",
    "Zeinoun",
    "Bouzid",
    "Chaabane",
]
VAULT_ALIASES = ["Abdo", "Hamoudi", "Zizou", "Sami", "Dodo", "Lulu", "Mimo", "Toto", "Nono"]
VAULT_KUNYA_NAMES = [
    "Yahya",
    "Hamza",
    "Umar",
    "Khattab",
    "Talha",
    "Dujana",
    "Ubayda",
    "Suhayb",
    "Anas",
    "Musab",
    "Hafs",
    "Zubayr",
    "Qatada",
]
VAULT_TOWNS = [
    "Tall Rifaat",
    "Kafr Nabudah",
    "Ain al-Arab Sharqi",
    "Ben Gardane",
    "Vilvoorde",
    "Lunel",
    "Dinslaken",
    "Trappes",
    "Menen",
    "Herstal",
    "Hajin",
    "Saraqib",
    "Binnish",
    "Salqin",
    "Mechelen",
    "Lohberg",
    "Sevran",
    "Molenbeek",
    "Albu Kamal",
    "Shaddadi",
    "Roubaix",
]


class ExperimentSpec(TypedDict):
    """A sample experiment on a sample campaign, its variants named by their headlines (the
    control first), and how far through its workflow the demo takes it."""

    campaign: str  # the campaign's name
    question: str
    hypothesis: str
    primary_outcome: str
    secondary_outcomes: list[str]
    baseline_rate: float
    min_effect: float
    allocation: str
    variants: list[tuple[str, int]]  # (headline, weight)
    stage: str  # "running" (started 14 days ago, with counts) or "in_review"
    # Running: each variant's true rates per impression (clicks, help-line contacts).
    rates: NotRequired[list[tuple[float, float]]]


EXPERIMENT_DAYS = 14
EXPERIMENTS: list[ExperimentSpec] = [
    {
        "campaign": "Sample: The promise and the reality",
        "question": "Do three voices on a carousel bring more clicks to the help-line page "
        "than one quote on a single card?",
        "hypothesis": "Hearing the same story from three people who left makes it harder to "
        "dismiss, so more people click through to talk to someone.",
        "primary_outcome": "cta_clicks",
        "secondary_outcomes": ["helpline_contacts"],
        "baseline_rate": 0.02,
        "min_effect": 0.3,
        "allocation": "ours",
        "variants": [
            ("They promised a house and a salary. Nothing came.", 1),
            ("Three people who left, in their own words.", 1),
        ],
        "stage": "running",
        "rates": [(0.020, 0.0020), (0.026, 0.0024)],
    },
    {
        "campaign": "Sample: The promise and the reality",
        "question": "On the partner's own platform, does the carousel bring more calls to the "
        "help line than the single card?",
        "hypothesis": "A call to the help line is a bigger step than a click; three voices may "
        "matter more there.",
        "primary_outcome": "helpline_contacts",
        "secondary_outcomes": ["cta_clicks"],
        "baseline_rate": 0.003,
        "min_effect": 0.5,
        "allocation": "partner",
        "variants": [
            ("Three people who left, in their own words.", 1),
            ("They promised a house and a salary. Nothing came.", 1),
        ],
        "stage": "in_review",
    },
]
