"""The regular expressions behind fatality counting (``numbers.py``): quantities, people, verbs of death.

Compiled on first use (:class:`_Lazy`), so importing costs nothing until a count is made.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator


class _Lazy:
    """A regular expression compiled on first use, so importing this module stays cheap."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.get().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.get().match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.get().finditer(text, pos, endpos)

    def split(self, text: str) -> list[str]:
        return self.get().split(text)


#: Deaths reported with no figure at all (ACLED: 3 for an attack not clearly large-scale).
NO_NUMBER_FATALITIES = 3
#: Deaths reported as heavy with no figure ("heavy casualties"): ACLED's large-attack figure.
LARGE_ATTACK_FATALITIES = 10

_VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "a dozen": 12, "dozen": 12, "half a dozen": 6, "a score": 20, "a couple": 2, "couple": 2,
    "a pair": 2, "both": 2,
}  # fmt: skip
_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NW = rf"(?:{'|'.join(sorted(_UNITS + _TENS + ('hundred', 'thousand'), key=len, reverse=True))})"
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?!\d)|(?!(?:19|20)\d\d(?!\d))\d+(?![.,:/]\d)"
    rf"|{_NW}(?:(?:-|\s+and\s+|\s+){_NW})*)(?![\w%])"
)
_MOD = (
    r"(?:at\s+least|as\s+many\s+as|more\s+than|over|about|around|some|nearly|almost|up\s+to|an\s+estimated"
    r"|estimated|approximately|approx\.|roughly|a\s+total\s+of|total|at\s+most|no\s+fewer\s+than|no\s+less\s+than"
    r"|close\s+to|upwards\s+of|in\s+excess\s+of|reportedly|allegedly|only|just|another|an\s+additional|a\s+further"
    r"|further|additional|the\s+remaining|remaining|all|other|all\s+the|all\s+of\s+the|least|the|these|those|his|her"
    r"|their)"
)
_VAGUE_RE = (
    r"(?:half\s+a\s+dozen|a\s+dozen|dozens|dozen|tens|scores|a\s+score|hundreds|thousands|a\s+couple|a\s+pair"
    r"|an?\s+(?:unknown|unspecified|undisclosed|unreported|undetermined|unconfirmed|indeterminate|large|high)\s+number"
    r"|(?:unknown|unspecified|undisclosed|indeterminate)\s+number|a\s+number|a\s+handful|a\s+few|several|numerous"
    r"|multiple|many|countless|various)(?:\s+of)?"
)
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# Units after a figure that make it anything but a head count.
_NOT_PEOPLE = (
    r"(?![-\s]*(?:year|yr|years?-old|percent|per\s+cent|%|km|kilomet|mile|met(?:re|er)|hour|hrs|minute|min\b|second"
    r"|day|week|month|am\b|pm\b|a\.m|p\.m|gmt|o'clock|h\b|acre|hectare|kg|kilo|ton|tonne|naira|dollar|usd|\$|shilling"
    r"|franc|cfa|euro|rupiah|peso|rounds?\b|bullets?|vehicles?|houses?|homes?|buildings?|shops?|times|cattle|cows"
    rf"|goats|sheep|camels|livestock|animals|donkeys|heads?\s+of|(?:{_MONTHS})[a-z]*\b|st\b|nd\b|rd\b|th\b|(?:19|20)\d\d\b))"
)
_DEF = r"the|his|her|their|its|these|those"
_QTY = (
    rf"(?:(?P<mod>(?:{_MOD}\s+)+)?(?:between\s+(?P<b1>{_NUMBER}){_NOT_PEOPLE}\s+(?:and|to|-)\s+(?P<b2>{_NUMBER})"
    rf"|(?P<num>{_NUMBER}){_NOT_PEOPLE}(?:\s*(?:-|–|\bto\b|\bor\b)\s*(?P<num2>{_NUMBER}){_NOT_PEOPLE})?"
    rf"|(?P<vague>{_VAGUE_RE})|(?P<art>an?|one|another|a\s+single)|(?P<def>{_DEF})))(?![\w-])"
)
_QTY_RE = _Lazy(_QTY, re.I)
_Q = re.sub(r"\(\?P<\w+>", "(?:", _QTY)  # the same without groups, to embed several times

# Noun phrases: words that are not verbs or clause breaks (stop words match lower case only,
# so "IS militants" and "AS fighters" stay noun phrases).
_STOP = (
    r"(?-i:were|was|is|are|be|been|being|and|or(?!\s+[A-Z])|but|had|have|has|who|which|that|whom|whose|while|when|after"
    r"|before|killed|kill|kills|killing|died|dies|dead|shot|arrested|abducted|kidnapped|to|by|with|as|during"
    r"|into|than|also|reportedly|allegedly|later|all|both|then|subsequently|not|no|including|included|among"
    r"|amongst|mostly|mainly|where|in|at|on|near|inside|outside|along|across|according|for|following|because"
    r"|since|within|toward|towards|lost|succumbed|perished|got|get|each|fled|escaped|surrendered|remained|managed"
    rf"|went|came|left|\d[\d,.]*(?![\w-])|{_NW}(?![\w-])|(?<!the\s)injured|(?<!the\s)wounded|(?<!the\s)hurt"
    rf"|(?!(?:build|wedd|morn|even|meet|k|r|th|noth|someth|anyth|everyth|sibl|offspr|spr|sw|st|w)ing)[a-z]+ing"
    rf"(?=\s+(?:a|an|the|his|her|their|its|\d|{_NW}\b|[A-Z]|in|on|at|to|from|with|for|along|toward|near|through)))"
)
_WORD = r"(?:[^\s,.;:!?()\[\]\"“”]+|\([^()]{0,60}\))"
_NP = rf"(?:(?!{_STOP}\b){_WORD}(?:\s+|(?=[,.;:!?()\[\]\"“”])|$)){{0,8}}"
# Items end on their own trailing space, separators start on a word: one way to split a list.
_SEP = r"(?:,\s*and\s+|,\s*|\band\s+|\bas\s+well\s+as\s+|&\s*|\bplus\s+)"
_REFLEXIVE = r"(?:him|her|them)sel(?:f|ves)\b\s*"
_ITEM = rf"(?:{_Q}(?:\s+{_NP})?|{_REFLEXIVE})"
_LIST = rf"{_ITEM}(?:{_SEP}{_ITEM}){{0,7}}"
_AUX = (
    r"(?:(?:were|was|are|is|have|has|had|been|being|got|get|also|later|reportedly|allegedly|all|both|then|eventually"
    r"|subsequently|instantly|immediately|each|consequently|accidentally|mistakenly|apparently|believed|presumed"
    r"|feared|confirmed|said|reported|to|be|found|left|would|could|may|might|may\s+have|reported|themselves"
    r"|tragically|brutally|summarily|later\s+on|(?-i:[a-z]+)(?:\s+(?-i:[a-z]+))?\s+and)\s+)*"
)
_DIE_PASSIVE = (
    r"(?:killed|shot\s+dead|shot\s+and\s+killed|gunned\s+down|shot\s+to\s+death|(?:stabbed|hacked|beaten|burn[et]d?"
    r"|clubbed|stoned|tortured|bludgeoned|macheted|starved|crushed|trampled|lynched|chopped)\s+to\s+death"
    r"|burn[et]d?\s+alive|died|die|dies|dead|slain|murdered|executed|beheaded|decapitated|lynched|assassinated"
    r"|massacred|slaughtered|perished|lost\s+(?:their|his|her)\s+lives?|succumbed|neutrali[sz]ed"
    r"|(?:ends?|ended)\s+up\s+(?:dying|dead|being\s+killed)"
    r"|fatally\s+(?:shot|wounded|injured|stabbed|assaulted|beaten|attacked|hit))"
)
_DIE_ACTIVE = (
    r"(?:killed|killing|kills|kill|shot\s+dead|shooting\s+dead|shot\s+and\s+killed|shooting\s+and\s+killing|gunned\s+down"
    r"|gunning\s+down|executed|executing|beheaded|beheading|decapitated|murdered|murdering|massacred|massacring"
    r"|slaughtered|slaughtering|lynched|lynching|assassinated|assassinating|neutrali[sz]ed|neutrali[sz]ing"
    r"|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|fatally\s+(?:shot|shooting|stabbed|stabbing)"
    r"|(?:burn[et]d?|burning|hacked|hacking|stabbed|stabbing|beat|beating|stoned|stoning|clubbed)\s+(?:to\s+death"
    r"|alive))"
)
_TO_DEATH_VERB = (r"(?:shot|shoot|shooting|stabbed|stabbing|hacked|hacking|beat|beaten|beating|burn[et]d?|burning"
                  r"|clubbed|stoned|stoning|tortured|torturing|bludgeoned|lynched|lynching|chopped)")

_SUBJECT = _Lazy(
    rf"(?<![\w-])(?P<subj>{_LIST})(?P<incl>,?\s*(?:including|among\s+them|of\s+whom|mostly|mainly)\s[^.;]{{0,80}}?,?\s*)?"
    rf"(?P<rel>,?\s*who(?:\s+[^,.;]{{0,60}}?)?,?\s+)?(?P<aux>{_AUX})(?<![\w'-])(?P<verb>{_DIE_PASSIVE})(?![\w-])",
    re.I,
)
_OBJECT = _Lazy(
    rf"(?<![\w-])(?P<verb>{_DIE_ACTIVE})(?P<coord>\s*,?\s*(?:and|or)\s+(?:\w+ed|\w+ing))?\s+"
    rf"(?P<obj>{_LIST}|(?:him|her|them)\b|(?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,3}})(?:\s+(?!{_STOP}\b)(?-i:[a-z]+)){{0,2}}"
    r"|(?-i:[a-z]+(?:s|men|people|children|police))\b)",
    re.I,
)
_LOST = _Lazy(
    rf"(?<![\w-])(?:lost|losing)\s+(?P<obj>{_Q}\s*(?:[\w'-]+\s+){{0,2}}?(?:soldiers|troops|men|fighters|members|officers"
    r"|militants|militiamen|personnel|policemen|police|people|civilians|rebels|combatants|lives))\b",
    re.I,
)
_TO_DEATH = _Lazy(
    rf"(?<![\w-]){_TO_DEATH_VERB}\s+(?P<obj>{_Q}\s*{_NP}|him|her|them)\s*(?:[^,.;()]{{0,30}}?\s)?(?:to\s+death|dead"
    r"|alive)\b", re.I
)
_LEFT_DEAD = _Lazy(
    rf"(?<![\w-])(?:left|leaving|leave|leaves)\s+(?P<obj>{_Q}\s*{_NP})(?:,[^,.;]{{0,50}},\s*)?(?:shot\s+)?(?:dead"
    r"|killed)\b",
    re.I,
)
_NOUN = _Lazy(
    rf"(?<![\w-])(?!(?:{_DEF})\b)(?P<obj>{_Q})\s+(?:[\w'-]+\s+){{0,2}}?"
    r"(?:dead|deaths?|fatalit(?:y|ies)|bodies|corpses|body|corpse|killings)(?![\w-])",
    re.I,
)
_TOLL = _Lazy(
    r"(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed|victims))\s+(?:[\w'’]+\s+){0,5}?"
    rf"(?:to|of|at|is|was|stood\s+at|stands\s+at|reached|hit|rose\s+to|risen\s+to|climbed\s+to)\s+(?P<obj>{_Q})",
    re.I,
)
_NOMINAL = _Lazy(
    r"(?P<noun>killings?|murders?|deaths?|executions?|massacre|assassinations?|lynchings?|beheadings?"
    r"|(?:dead\s+|lifeless\s+|headless\s+|beheaded\s+|decapitated\s+|mutilated\s+|charred\s+)?(?:bod(?:y|ies)|corpses?"
    rf"|remains))\s+of\s+(?P<obj>{_LIST})",
    re.I,
)
_HIS_BODY = _Lazy(
    r"\b(?:found|discovered|recovered|retrieved|dumped|identified)\s+(?:his|her)\s+(?:dead\s+|lifeless\s+|mutilated\s+"
    r"|charred\s+)?(?:body|corpse)\b|\b(?:his|her)\s+(?:dead\s+|lifeless\s+|mutilated\s+|charred\s+)?(?:body|corpse)"
    r"\s+(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:found|discovered|recovered|retrieved|dumped|thrown|identified)"
    r"|\b(?:his|her)\s+death\b",
    re.I,
)
_UNKNOWN_DEAD = _Lazy(
    r"\b(?:unknown|unspecified|undisclosed|unconfirmed|several|multiple|numerous|many|some)\s+(?:number\s+of\s+)?"
    r"(?:\w+\s+)?(?:fatalities|deaths|dead)\b|\bheavy\s+(?P<heavy>casualties|losses|fatalities|death\s+toll)",
    re.I,
)
_BARE = _Lazy(
    rf"\b(?P<aux>(?:was|has\s+been|had\s+been|is|being)\s+(?:\w+\s+)?(?:\w+\s+(?:\w+\s+)?and\s+)?)"
    rf"(?P<verb>{_DIE_PASSIVE})(?![\w-])"
    r"|\b(?:he|she|who|and)\s+(?:\w+\s+){0,2}?(?P<verb2>died|succumbed|perished)\b",
    re.I,
)
_SELF = _Lazy(r"\b(?:blew|blowing|blows|blow)\s+(?P<who>himself|herself|themselves)\s+up\b", re.I)
_BOMBER = _Lazy(rf"(?<![\w-])(?P<n>{_Q})\s+(?:[\w'-]+\s+){{0,4}}?suicide\s+(?:car\s+)?bombers?\b", re.I)
_FOILED = _Lazy(r"\b(?:arrested|intercepted|captured|foiled|failed|disarmed|neutrali[sz]ed|prevented|thwarted"
                     r"|shot\s+before|before\s+(?:he|she|they)\s+could|survived)\b", re.I)
_BOMBERS = _Lazy(rf"(?P<n>{_Q})\s+(?:[\w'-]+\s+){{0,3}}?(?:bombers|attackers|assailants|militants|men|women)\b",
                      re.I)
_ALTERNATIVE = _Lazy(
    rf"(?:(?:,|;|\(|\band\b|\bwhile\b|\bbut\b|\bor\b)\s*(?P<n>{_Q})\s+(?:\w+\s+)?(?:according\s+to|per\b"
    rf"|by\s+(?:other|another|some)|in\s+other\s+reports|as\s+reported\s+by)|\(\s*or\s+(?P<n2>{_Q}))",
    re.I,
)
_CODED = _Lazy(
    rf"(?:fatalit(?:y|ies)|deaths|casualties|dead)\b[^.]{{0,40}}?\b(?:coded|recorded|estimated)\s+(?:\w+\s+){{0,4}}?"
    rf"(?:as|at|to|with|of)\s+(?:a\s+|the\s+)?(?:low(?:est)?\s+estimate\s+(?:of\s+|as\s+)?)?(?P<a>{_NUMBER})"
    rf"|coded\s+(?:as|with|at)\s+(?P<b>{_NUMBER})\s+(?:\w+\s+)?(?:fatalit(?:y|ies)|deaths)"
    rf"|(?P<c>{_NUMBER})\s+(?:total\s+)?fatalit(?:y|ies)\s+(?:were\s+|are\s+|was\s+)?(?:coded|recorded)"
    rf"|(?:total\s+(?:of\s+)?|in\s+total\s+)(?P<d>{_NUMBER})\s+fatalit(?:y|ies)"
    rf"|(?P<e>{_NUMBER})\s+total\s+fatalit(?:y|ies)"
    rf"|coded\s+(?:at|as|with)\s+(?:a\s+|the\s+)?low(?:est)?\s+estimate\s+(?:of\s+|as\s+)?(?P<h>{_NUMBER})"
    rf"|total\s+(?:number\s+of\s+)?(?:fatalities|deaths|dead)\s+(?:\w+\s+){{0,2}}?(?:to|at|is|was|of)\s+(?P<f>{_NUMBER})"
    rf"|(?:fatalities|deaths|death\s+toll)\s+(?:\w+\s+){{0,2}}?(?:range|ranging|vary|varying|varied)\s+(?:from\s+|between\s+)?"
    rf"(?P<g>{_NUMBER})\s+(?:to|and|-)\s+{_NUMBER}",
    re.I,
)
_SPLIT = _Lazy(
    r"(?:split|divided|spread|distributed|shared)\s+(?:\w+\s+){0,2}?(?:across|between|among|over|in|into)\s+"
    rf"(?:the\s+)?(?P<k>{_NUMBER})\s+(?:\w+\s+)?(?:events|incidents|days|locations|dates)"
    rf"|coded\s+(?:across|over|in|between)\s+(?P<k2>{_NUMBER})\s+(?:separate\s+)?events",
    re.I,
)
_ZERO = _Lazy(
    r"\bno\s+(?:\w+\s+){0,2}?(?:casualt(?:y|ies)|fatalit(?:y|ies)|deaths?|loss\s+of\s+(?:life|lives)|lives\s+(?:were\s+)?"
    r"lost|one\s+(?:was\s+|were\s+)?(?:killed|hurt|injured|died|harmed)|injur(?:y|ies)|victims?|bloodshed|dead)"
    r"|\b(?:nobody|no\s+one|none)\s+(?:\w+\s+){0,2}?(?:killed|died|hurt|injured|harmed|dead)"
    r"|\bwithout\s+(?:any\s+)?(?:casualt(?:y|ies)|fatalit(?:y|ies)|deaths?|loss\s+of\s+life|bloodshed|injur(?:y|ies)"
    r"|victims?)"
    r"|\b(?:fatalit(?:y|ies)|casualt(?:y|ies)|deaths)\s+(?:were\s+|are\s+|was\s+|is\s+)?(?:not\s+(?:yet\s+)?(?:reported"
    r"|known|confirmed)|unknown|unreported|unconfirmed|unclear)"
    r"|\bno\s+(?:information|reports?|details)\s+(?:\w+\s+){0,3}?(?:casualt|fatalit|deaths|injur)",
    re.I,
)
_NEGATED = _Lazy(
    r"(?:\b(?:not|never|no|nobody|none|neither|nearly|almost|narrowly|escaped|survived|without|failed\s+to"
    r"|attempt\w*\s+to|tr(?:y|ied|ying)\s+to|threat\w*\s+to|plot\w*\s+to|plan\w*\s+to|vow\w*\s+to|intend\w*\s+to"
    r"|sought\s+to|want\w*\s+to|aim\w*\s+to|(?:will|would|could|may|might|to)\s+be|will|feared|fear)|n't)"
    r"\s+(?:\w+\s+)?(?:(?:be|been|being|was|were|is|are)\s+)?$",
    re.I,
)
_INFINITIVE = _Lazy(r"\b(?:to|will|would|could|can|may|might|must|should|shall|not|n't|did|does|do|not\s+to"
                         r"|order\w*|let|help\w*|dare)\s+(?:\w+\s+)?$", re.I)
_AMBIGUOUS_AFTER = _Lazy(r"^\s*,?\s*(?:(?:or|and/or)\s+(?:\w+\s+)?(?:injured|wounded|captured|arrested|missing"
                              r"|abducted)|,\s*(?:injured|wounded)\s*(?:,|or))", re.I)
_AMBIGUOUS_BEFORE = _Lazy(r"(?:injured|wounded|captured)\s*,?\s+(?:or|and/or)\s+$", re.I)
_SUBSET = _Lazy(r"\b(?:including|includ(?:es|ed)|among\s+(?:them|whom|the\s+dead|those|the\s+victims)"
                     r"|of\s+(?:whom|which|them)|amongst\s+them|(?:of\s+)?(?:those|the\s+people|the\s+victims)\s+killed"
                     r"|of\s+the\s+dead)\b[^.;]*$", re.I)
_SUBSET_AFTER = _Lazy(r"^\s*of\s+(?:those|the\s+dead|the\s+victims|whom|them|the\s+\w+\s+killed)\b", re.I)
_TOTAL_CUE = _Lazy(r"\b(?:bringing|brings|brought|raising|raised|rising|rose|increas\w+|total|overall|toll"
                        r"|in\s+all|altogether|combined)\b[^.;]{0,40}$", re.I)
_CONFLICT = _Lazy(
    r"\b(?:according\s+to|sources?|reports?\s+(?:vary|varied|differ)|conflicting|claim\w*|however|but|while"
    r"|(?:other|another|different|some|local)\s+(?:sources?|reports?|estimates?|accounts?|media)|estimates?"
    r"|denied|said|says|say|told|reports?|reported|confirmed|alternatively|independent\w*|put\s+the)\b",
    re.I,
)
_ADDITIVE = _Lazy(r"\b(?:also|another|additional|further|more|as\s+well|too|besides|separately)\b",
                       re.I)
_BACKGROUND = _Lazy(
    r"\b(?:after|following)\b[^,;.()]{0,30}$"
    r"|\b(?:in\s+(?:response|reaction|retaliation|reprisal|revenge)\s+(?:to|for|of|on)|retaliat\w*\s+for"
    r"|reprisal\s+(?:for|on|to)|revenge\s+for|avenge|justice\s+for|protest\w*\s+(?:against|over)|demonstrat\w*\s+"
    r"(?:against|over)|condemn\w*|denounc\w*|mourn\w*|perpetrators?\s+(?:who|of|that)|who\s+had"
    r"|searching\s+for|looking\s+for|hunting\s+for|in\s+search\s+of|sparked\s+by|in\s+connection\s+with"
    r"|responsible\s+for\s+the)\b[^,;.()]{0,60}$|\baccus\w+(?:\s+\w+){0,4}\s+of\s+$",
    re.I,
)
_RESULT = _Lazy(r"\b(?:result\w*\s+in(?:to)?|led\s+to|leading\s+to|lead\s+to|caus\w+|claim\w*|confirm\w*"
                     r"|report\w*|saw|witnessed|including|and|in|announced|recorded|leaving|left"
                     r"|responsibility\s+for|responsible\s+for)\s+(?:the\s+)?"
                     r"(?:\w+\s+)?$", re.I)
_ANIMALS = _Lazy(
    r"^(?:cattle|cows?|goats?|sheep|camels?|livestock|animals?|dogs?|donkeys?|chickens?|pigs?|elephants?|birds?|fish"
    r"|horses?|herds?|mosquitoes|lions?|hippos?|buffalo(?:es)?|rhinos?)$",
    re.I,
)
_NONPERSON = _Lazy(
    r"^(?:(?:attack|bomb|blast|explosion|explosive|ied|clash|raid|airstrike|strike|ambush|fire|fighting|violence"
    r"|shelling|operation|area|village|town|city|region|district|camp|base|house|home|vehicle|road|incident|event"
    r"|night|day|morning|evening|week|month|year|time|place|scene|spot|way|grenade|mine|landmine|device|gunfire"
    r"|crossfire|injur(?:y|ie)|wounding|arrest|abduction|destruction|burning|looting|kidnapping|displacement|rape"
    r"|damage|loss|weapon|tunnel|hideout|boat|drone|target|position|floor|building|shop|car|truck|motorbike"
    r"|motorcycle|tent|gate|office|station|claim|statement|report|figure|video|source|move|toll|number)s?|it|which"
    r"|that|this|there|one|them|they|ammunition|equipment)$",
    re.I,
)
_PLURAL_IRREGULAR = {"men", "women", "children", "people", "police", "personnel", "folk", "troops", "staff",
                     "youths", "youth", "militia", "crew", "family", "civilians", "villagers", "others", "persons",
                     "occupants", "passengers", "dead"}
_CUMULATIVE = _Lazy(
    r"[^.;,]{0,40}?\b(?:since\s+(?:the\s+)?(?:(?:19|20)\d\d|start|beginning|outbreak|launch|onset)\b"
    r"|since\s+[^.;,]{0,40}?\b(?:began|started|erupted|broke\s+out)\b|so\s+far\s+this|to\s+date\b"
    r"|in\s+the\s+(?:war|conflict|insurgency)\s+since)",
    re.I,
)
_AMONG = _Lazy(
    rf"(?<![\w-])(?P<subj>{_LIST})(?:were|was)\s+(?:also\s+)?among\s+(?:those|the\s+people|the\s+victims|the\s+dead)"
    r"(?:\s+killed|\s+dead)?",
    re.I,
)
_MASS_GRAVE = _Lazy(r"\bmass\s+graves?\b", re.I)
_DEATH_WORDS = {"dead", "deaths", "fatalities", "bodies", "corpses"}
_FROM_BEFORE = _Lazy(r"\bfrom\s+$", re.I)
_PASSIVE = _Lazy(r"\b(?:were|was|are|is|been|being|got|get|be)\b")
_SINGULAR = _Lazy(r"\b(?:was|is|has)\b")
_TRANSITIVE = {"killed", "murdered", "executed", "beheaded", "lynched", "assassinated", "massacred", "slaughtered",
               "neutralized", "neutralised", "decapitated"}
_ACTIVE_AFTER = _Lazy(rf"\s+(?:{_Q}|him|her|them)\b|\s+(?-i:[A-Z])", re.I)
_OBJECT_AFTER = _Lazy(rf"\s+(?:{_Q}|him|her|them)\s", re.I)
_DEFINITE_BEFORE = _Lazy(r"\b(?:the|these|those)\s+$", re.I)
