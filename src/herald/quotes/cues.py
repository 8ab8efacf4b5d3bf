"""The reporting-verb lexicon: which words introduce speech, and what stance some of them carry.

A cue is a verb of saying ("say", "tell", "warn"), of public position-taking ("accuse", "deny",
"praise") or of reported cognition ("believe", "think"), the three families that attribution
corpora such as PolNeAR annotate. The lists are written by hand from the semantics of the verbs;
they are deliberately lemma based so that "said", "says", "saying" and "has said" are one entry.
Stance and intent ("wants", "supports") and nominal cues ("his attacks on") report a position in
the writer's words, so they attribute reported speech only, never a verbatim quotation.
"hop" is listed next to "hope" because the tagger lemmatises "hopes"/"hoping" that way.
"""

from __future__ import annotations

from herald.actors.names import wordset

# verbs whose clause complement (ccomp) or following quotation is what the subject said. The
# core is the verbs of saying; the rest was chosen by measuring, on PolNeAR's *train* split, how
# often each verb lemma outside quotation marks is an annotated cue (kept at >= 40% of its uses).
SPEECH = wordset(
    """say tell add note explain argue claim insist state declare announce report write tweet
    post reply respond answer ask question wonder suggest warn caution predict promise pledge vow
    acknowledge admit concede confirm deny reveal disclose recall remark comment observe stress
    emphasize emphasise assert allege contend reiterate repeat mention point
    complain lament brag joke quip scoff shout yell cry chant exclaim whisper murmur
    conclude testify concur agree disagree object counter retort rebut dispute challenge
    urge demand propose recommend threaten accuse blame charge criticize criticise condemn
    denounce praise welcome applaud hail thank congratulate defend attack slam blast mock
    describe call label dub characterize characterise tout hint imply indicate signal estimate
    guess speculate forecast vouch swear assure reassure inform remind
    believe think fear hope hop expect worry know doubt suspect understand realize realise
    show find decry rail recite interpret shrug recount envision email coin cite deem
    highlight echo express clarify plead quote predict rule"""
)

# cues that only count with a clause complement (they are common in other senses)
NEEDS_CLAUSE = wordset("""point know understand realize realise rule expect show find think believe feel""")

# verbs that take their content as an object, infinitive or prepositional phrase, not a clause
# ("accused him of lying", "denied the report", "urged voters to ...", "called for a ban")
OBJECT_CONTENT = wordset(
    """accuse blame criticize criticise condemn denounce praise welcome applaud hail deny
    urge warn thank congratulate defend attack slam blast mock dismiss reject endorse
    demand propose recommend promise pledge vow threaten question challenge dispute
    tout decry assail refuse decline discuss highlight express cite reference mention
    describe name disavow oppose back call hope hop plan intend lament complain regret deplore"""
)

# stance, intent and findings that attribution corpora annotate as reported content ("Trump
# wants a wall", "polls show ...", "she supports the deal"): cues of reported speech only, never
# used to attribute a direct quotation. Chosen on PolNeAR's *train* split: lemmas that, taken
# with any complement, were a correctly attributed statement in >= ~40% of their uses. Verbs of
# action and perception were on it and are not, because a verb that is no speech never makes a
# quotation: view, release, consider, decide, see, look, vote, resist, refer, talk, push,
# demonstrate, identify, recognize (and order, offer, seek from ``OBJECT_CONTENT``). On the dev
# pages they made "Trump released the transcript", "Amazon offers the MacBook for $700", "could see
# the frustration", "Dems decided to wage ..."; on PolNeAR train (`bench/quotes_eval.py --split
# train`) dropping them costs reported F1 0.456 -> 0.440 (precision 0.661 -> 0.690).
ATTITUDE = wordset(
    """show find want support share lay address
    compare learn list encourage aim weigh voice expose
    apologize invoke approve ignore attribute opt paint think believe
    issue determine prefer underscore press remember publish portray debate
    like liken champion allude credit detail reaffirm outline bemoan persuade convince pitch
    relish brush distance"""
)

# nouns and adjectives that report a stance with its holder ("his attacks on", "Trump's call
# for", "her claim that", "critical of")
NOUN_CUES = wordset(
    """attack criticism call claim argument warning promise pledge proposal opposition
    endorsement praise defense defence allegation accusation denial demand vow remark
    suggestion belief fear hope concern insistence assertion complaint condemnation rejection
    question assessment announcement mention case admission acknowledgment explanation
    prediction swipe"""
)
ADJ_CUES = wordset(
    """critical proud supportive skeptical sceptical worried concerned confident sure certain
    optimistic hopeful pessimistic opposed aware convinced angry upset happy eager adamant
    dismissive wary fearful doubtful unsure enthusiastic determined"""
)

# in the reported pass these need no clause complement ("polls show a tie", "she believes in it")
ATTITUDE_FREE = wordset("show find think believe")
# ... but "show" and "find" with an object report a finding only when a record finds it ("a poll
# found a tie"), never when a person finds a thing ("a family friend found the car")
FINDING = wordset("show find")
RECORDS = wordset(
    """poll polls survey study report review audit analysis investigation inquiry probe research
    data figure figures record records evidence document documents filing test tests results
    finding findings autopsy census count tally memo email emails"""
)
# common nouns for people and bodies that hold a stance ("voters want", "critics support") beside
# names, pronouns and office nouns; a stance verb with an object and any other subject ("the only
# device that supports 4K") is no reported speech
HOLDERS = wordset(
    """people voter voters supporter supporters critic critics official officials lawmaker
    lawmakers democrat democrats republican republicans campaign party government administration
    company group committee court board council agency department ministry team staff aide aides
    adviser advisers advocate advocates activist activists expert experts analyst analysts
    leader leaders member members resident residents worker workers union parent parents
    student students family families public majority minority man woman men women"""
)

# cue phrases written as a preposition: "according to X", "in the words of X"
ACCORDING = frozenset({"according"})

# a stance that the cue verb itself expresses, in VADER's -4..4 scale
CUE_STANCE: dict[str, float] = {
    "praise": 2.6,
    "welcome": 2.0,
    "applaud": 2.3,
    "hail": 2.0,
    "thank": 1.8,
    "congratulate": 2.0,
    "endorse": 1.5,
    "defend": 1.0,
    "agree": 1.5,
    "lament": -2.0,
    "criticize": -1.6,
    "criticise": -1.6,
    "condemn": -2.5,
    "denounce": -2.5,
    "warn": -1.2,
    "accuse": -1.8,
    "blame": -1.8,
    "attack": -2.0,
    "slam": -2.0,
    "blast": -2.0,
    "mock": -1.8,
    "threaten": -2.0,
    "complain": -1.5,
    "deny": -0.8,
    "reject": -1.5,
    "dismiss": -1.2,
    "protest": -1.2,
    "object": -1.0,
    "fear": -1.5,
    "worry": -1.2,
}


def is_cue(lemma: str) -> bool:
    return lemma in SPEECH or lemma in OBJECT_CONTENT
