"""Event dates: find date expressions in prose and resolve them against the publication date.

Everything here is a pure function over precompiled regular expressions; no model, no
dateparser. :func:`find_dates` returns every date expression in a text with its span, the
resolved day and ACLED's ``time_precision``; :func:`resolve_event_date` picks the one an event
should be coded to.

ACLED conventions implemented (see the codebook notes, section 6):

* precision 1: the day is known; 2: only the week (or "around" a day); 3: only the month.
* week precision codes the middle of the week; month precision the 15th, or the first/last
  day when the text says "beginning/early" or "end/late" of the month.
* a range ("25-28 March", "between 3 and 7 May") is coded to its middle day (rounded down), as
  the codebook codes a week to its middle; two consecutive days ("6-7 May") to the first
  (measured on the dev notes), but two alternative days ("either 2 or 3 July") and a weekend
  ("the weekend of 16-17 November") to the second; precision 2 for spans up to a week and 3 beyond.
* a day-month with no year takes the publication year, or the year before when that would put
  it after the publication date.
* qualifiers: "around 4 May", "on or before", "(week of)", "as reported on" give precision 2;
  "(month of)" gives 3; "the week beginning 4 May" codes the middle of that week (its Wednesday).
* weekdays are the latest such day up to publication (the story's own weekday is that day);
  "last week" is the Wednesday of the previous Monday-Sunday week, "at the weekend" its
  Saturday, "last month" the 15th of the previous month.

:func:`resolve_event_date` never returns a future date (after ``published``), a date older
than :data:`MAX_EVENT_AGE_DAYS` before it, a bare year, or a mention marked as future or history.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "MAX_EVENT_AGE_DAYS",
    "RECENT_SINCE_DAYS",
    "DateMention",
    "find_dates",
    "resolve_event_date",
]

#: Mentions older than this (days before publication) are background, never the event date.
MAX_EVENT_AGE_DAYS = 366

#: "since <date>" within this many days of publication starts the reported episode; older is background.
RECENT_SINCE_DAYS = 31

#: Ranges spanning at most this many days are week precision (2); longer ones month precision (3).
WEEK_RANGE_DAYS = 7

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _alternatives(words: Sequence[str]) -> str:
    forms = sorted({w for word in words for w in (word, word.upper())}, key=len, reverse=True)
    return "|".join(forms)


# Month names are case-sensitive (Title or UPPER) so the verbs "may" and "march" never match.
_MON = rf"(?:(?:{_alternatives(_MONTH_NAMES)})(?![A-Za-z])|(?:{_alternatives(_ABBREVIATIONS)})(?![A-Za-z])\.?)"
_WD = rf"(?:{_alternatives(_WEEKDAYS)})(?![A-Za-z])"
_D = r"(?:[0-2]?[1-9]|[1-3]0|31)"
_ORD = r"(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d\d(?![\d])"
_TO = r"\s*(?:-|–|—|\bto\b|\band\b|\bor\b|&|\buntil\b|\btill\b|\bthrough\b|/)\s*"
_WDP = rf"(?:{_WD},?\s+(?:the\s+)?)?"

# One master pattern; each alternative is a named group whose name says how to read it.
# Alternatives are ordered so that, at one position, the longer reading is tried first.
_PATTERN = re.compile(
    rf"""
    \b(?:(?P<iso>(?<![\d-])(?P<iso_y>{_Y})-(?P<iso_m>[01]?\d)-(?P<iso_d>[0-3]?\d)(?![\d-]))
  | (?P<rdmdm>(?<![\d.,:/])(?P<rdmdm_d1>{_D}){_ORD}[\s-]+(?:of\s+)?(?P<rdmdm_m1>{_MON})(?:,?\s+(?P<rdmdm_y1>{_Y}))?
        {_TO}(?P<rdmdm_d2>{_D}){_ORD}[\s-]+(?:of\s+)?(?P<rdmdm_m2>{_MON})(?:,?[\s-]+(?P<rdmdm_y2>{_Y}))?)
  | (?P<dlist>(?<![\d.,:/])(?P<dlist_d1>{_D}){_ORD}(?:\s*,\s*{_D}{_ORD}){{1,9}}\s*,?\s*(?:and|&)\s*{_D}{_ORD}[\s-]+
        (?:of\s+)?(?P<dlist_m>{_MON})(?:,?[\s-]+(?P<dlist_y>{_Y}))?)
  | (?P<rddm>(?<![\d.,:/])(?P<rddm_d1>{_D}){_ORD}{_TO}(?P<rddm_d2>{_D}){_ORD}(?:[\s-]+of)?[\s-]+(?P<rddm_m>{_MON})
        (?:,?[\s-]+(?P<rddm_y>{_Y}))?)
  | (?P<rmdmd>(?P<rmdmd_m1>{_MON})\s+(?P<rmdmd_d1>{_D}){_ORD}(?![\d:])(?:,?\s+(?P<rmdmd_y1>{_Y}))?
        {_TO}(?P<rmdmd_m2>{_MON})\s+(?P<rmdmd_d2>{_D}){_ORD}(?![\d:])(?:,?\s+(?P<rmdmd_y2>{_Y}))?)
  | (?P<rmdd>(?P<rmdd_m>{_MON})(?:\s+|(?<=\.)(?=\d))(?P<rmdd_d1>{_D}){_ORD}{_TO}(?P<rmdd_d2>{_D}){_ORD}(?![\d:%])
        (?:,?\s+(?P<rmdd_y>{_Y}))?)
  | (?P<rmm>(?P<rmm_m1>{_MON})(?:\s+(?P<rmm_y1>{_Y}))?{_TO}(?P<rmm_m2>{_MON})(?:,?\s+(?P<rmm_y2>{_Y})))
  | (?P<dmy>{_WDP}(?<![\d.,:/])(?P<dmy_d>{_D}){_ORD}(?:\s+of)?(?:\s*[-./]\s*|\s+)(?P<dmy_m>{_MON})
        (?:(?:,?\s+|\s*[-./]\s*)(?P<dmy_y>{_Y}))?)
  | (?P<mdy>{_WDP}(?P<mdy_m>{_MON})(?:\s+|(?<=\.)(?=\d))(?P<mdy_d>{_D}){_ORD}(?![\d:%])(?:,?\s+(?P<mdy_y>{_Y}))?)
  | (?P<num>(?<![\d.,:/-])(?P<num_d>[0-3]?\d)(?P<num_sep>[/.])(?P<num_m>[01]?\d)(?P=num_sep)
        (?P<num_y>(?:19|20)\d\d|\d\d)(?!\d)(?![/.]\d))
  | (?P<nds>(?<![\d.,:/-])(?P<nds_d>[0-3]\d)/(?P<nds_m>[01]\d)(?!\d)(?![/.]\d))
  | (?P<nsp>(?<![\d.,:/-])(?P<nsp_d>[0-3]\d)\s(?P<nsp_m>[01]\d)\s(?P<nsp_y>{_Y}))
  | (?P<mon>(?:(?P<mon_mod>(?i:mid|early|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of
        |the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of|the\s+month\s+of))[\s-]*)?
        (?P<mon_m>{_MON})(?:,?\s+(?P<mon_y>{_Y}))?)
  | (?P<wd>(?:(?P<wd_mod>(?i:last|this\s+past|past|this|next|coming|this\s+coming))\s+)?(?P<wd_day>{_WD})
        (?:\s+(?P<wd_part>(?i:morning|afternoon|evening|night|overnight)))?)
  | (?P<rel>(?P<rel_w>(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|overnight
        |this\s+(?:morning|afternoon|evening)|earlier\s+today|(?:earlier|later)\s+this\s+(?:week|month)
        |(?:last|this|past|over\s+the|at\s+the|during\s+the)\s+(?:week|weekend|month)
        (?!\s+(?:of|beginning|starting|commencing|from|ending|leading\s+up\s+to|before|until|to|after|between)
           \s+(?:the\s+)?(?:\d|(?-i:[A-Z])))
        |(?P<rel_n>\d{{1,2}}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+
        (?P<rel_u>days?|weeks?|months?)\s+ago))(?![A-Za-z]))
  | (?P<year>\b(?i:in|of|since|during|by|until|till|from|before|after|the|early|late|mid|year)[\s-]+
        (?P<year_y>{_Y})(?!\s*-\s*\d)))
    """,
    re.VERBOSE,
)

_MONTH_NUM = {name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)}
_WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}

# A bare month name needs a word that makes it a date ("in May", "during March", "last June").
_MONTH_LEAD = re.compile(r"\b(?:in|during|throughout|since|until|till|by|of|from|for|last|this|early|late|mid"
                         r"|between|and|or|to|before|after|within|through)\s*-?\s*$", re.I)
# Qualifiers before a date that lower its precision to a week ("around 4 May", "on or before").
_WEEK_BEFORE = re.compile(
    r"\b(?:around|about|approximately|approx\.|circa|c\.|roughly|sometime\s+(?:on|around)|on\s+or\s+(?:about|around"
    r"|before|after)|(?:as\s+)?reported\s+on|as\s+of(?:\s+the\s+(?:morning|evening|night)\s+of)?|by|before|reported"
    r"|assumed|presumably|probably|likely|estimated)\s+(?:on\s+)?(?:the\s+)?$",
    re.I,
)
_MONTH_BEFORE = re.compile(r"\b(?:sometime|some\s+time|month\s+of|the\s+month\s+of)\s+(?:in\s+)?(?:the\s+)?$", re.I)
_WEEK_AFTER = re.compile(
    r"^\s*[(\[]\s*(?:week\s+of|on\s+or\s+(?:around|about|before|after)|or\s+(?:around|about|before|earlier)"
    r"|around|approximately|as\s+reported|reported|exact\s+date\s+(?:not|un)|date\s+(?:not|un)|or\s+before"
    r"|on\s+or|approx|during\s+the\s+week|or\s+(?:after|later|earlier)|unconfirmed|date\s+unclear|estimated)"
    r"|^,?\s*it\s+(?:was|has\s+been)\s+reported",
    re.I,
)
# "the week of 4 June" / "week beginning 4 June": the middle of that week; "week ending ...": the days before.
_WEEK_START_BEFORE = re.compile(r"\bweek\s+(?:of|beginning|starting|commencing|from)\s+(?:the\s+)?$", re.I)
_WEEK_END_BEFORE = re.compile(r"\bweek\s+(?:ending|leading\s+up\s+to|before|until|to)\s+(?:the\s+)?$", re.I)
_MONTH_AFTER = re.compile(r"^\s*[(\[]\s*month\s+of", re.I)
_CODED_BEFORE = re.compile(r"\bcoded\s+(?:to|at|as|on|for)\s+(?:the\s+)?$", re.I)
_REPORT_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+\w+|announced|stated|confirmed|claimed|added|declared|published"
    r"|released|according\s+to\s+[^.;]{0,40}?)\s+(?:late\s+|early\s+)?(?:on\s+)?$",
    re.I,
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|'ll|due|scheduled|slated|planned|plans|plan|set\s+to|expected\s+to|to\s+be\s+held|upcoming"
    r"|postponed\s+to|postponed\s+until|deadline)\b[^.;:!?,]{0,30}$",
    re.I,
)
_HISTORY_BEFORE = re.compile(r"\b(?:since|ever\s+since|as\s+early\s+as|back\s+in|in\s+the\s+past)\s+(?:the\s+)?$",
                             re.I)
_LOOKBACK = 48
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
# Every date expression contains one of these; scanning only near them keeps find_dates cheap.
_ANCHOR = re.compile(
    rf"\d|(?:{_alternatives(_MONTH_NAMES + _ABBREVIATIONS)})|(?:{_alternatives(_WEEKDAYS)})"
    r"|(?i:today|tonight|yesterday|overnight|this\s+(?:morning|afternoon|evening)|week|month|ago\b|last\s+night)"
)
_BEFORE_ANCHOR = 40
_AFTER_ANCHOR = 90
_JOINER = re.compile(r"[\s,(]*(?:(?:of|on|between|from|the|night\s+of)\s+)*", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """One date expression found in a text, resolved to a calendar day.

    Attributes:
        start: Offset of the first character of the expression in the full text.
        end: Offset just past the expression (exclusive).
        text: ``full_text[start:end]``.
        date: The resolved day; for week or month precision, the day ACLED codes.
        precision: ACLED ``time_precision``: 1 day, 2 week, 3 month.
        kind: ``"explicit"``, ``"numeric"``, ``"range"``, ``"month"``, ``"weekday"``,
            ``"relative"``, ``"week"`` or ``"year"``.
        role: ``"event"`` (plain mention), ``"coded"`` (the text states the coded date:
            "coded to 15 May"), ``"report"`` (a reporting date: "said on Tuesday"),
            ``"future"`` (after publication or announced as coming) or ``"history"``
            (background: "since 2014").
    """

    start: int
    end: int
    text: str
    date: dt.date
    precision: int
    kind: str
    role: str = "event"


def _month(token: str | None) -> int:
    return _MONTH_NUM[(token or "").strip(". ").lower()[:3]]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date | None, explicit: str | None) -> dt.date | None:
    if explicit:
        return _safe_date(int(explicit), month, day)
    if published is None:
        return None
    found = _safe_date(published.year, month, day)
    if found is None or found > published:
        found = _safe_date(published.year - 1, month, day)
    return found


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


_Day = tuple[int, int, "str | None"]  # (day, month, year text or None)


def _range(first_day: _Day, last_day: _Day, published: dt.date | None, *, later: bool = False
           ) -> tuple[dt.date, int] | None:
    (d1, m1, y1), (d2, m2, y2) = first_day, last_day
    # The year is inferred from the FIRST day: a range may still be running at publication.
    if y1 or y2:
        year2 = int(y2 or y1 or 0)
        year1 = int(y1) if y1 else (year2 - 1 if m1 > m2 else year2)
        first = _safe_date(year1, m1, d1)
    else:
        first = _infer_year(m1, d1, published, None)
        year2 = (first.year + (1 if m2 < m1 else 0)) if first is not None else 0
    if first is None:
        return None
    second = _safe_date(year2, m2, d2)
    if second is None or first > second:
        return None
    span = (second - first).days
    # Two consecutive days are coded to the first ("either X or Y", "the weekend of X-Y": the
    # second); longer spans to their middle (rounded down).
    day = first + dt.timedelta(days=span // 2) if span >= 2 else (second if later else first)
    return day, (2 if span < WEEK_RANGE_DAYS else 3)


_LATER_OF_TWO = re.compile(r"\b(?:either|weekend\s+of)\s+(?:the\s+)?(?:on\s+)?$", re.IGNORECASE)


def _month_day(year: int, month: int, modifier: str | None) -> dt.date:
    mod = " ".join((modifier or "").lower().split())
    if mod.startswith(("end", "the end", "late")):
        return dt.date(year, month, _last_day(year, month))
    if mod.startswith(("early", "beginning", "the beginning", "start", "the start")):
        return dt.date(year, month, 1)
    return dt.date(year, month, 15)


def _weekday(published: dt.date, name: str, modifier: str | None) -> tuple[dt.date, str]:
    target = _WEEKDAY_NUM[name.lower()]
    back = (published.weekday() - target) % 7
    mod = " ".join((modifier or "").lower().split())
    if mod in {"next", "coming", "this coming"}:
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7), "future"
    if mod in {"last", "past", "this past"} and back == 0:
        back = 7
    return published - dt.timedelta(days=back), "event"


def _relative(match: re.Match[str], published: dt.date) -> tuple[dt.date, int, str]:
    words = " ".join(match.group("rel_w").lower().split())
    if match.group("rel_u"):
        count_text = match.group("rel_n").lower()
        count = int(count_text) if count_text.isdigit() else _SMALL[count_text]
        unit = match.group("rel_u").rstrip("s")
        if unit == "day":
            return published - dt.timedelta(days=count), 1, "relative"
        if unit == "week":
            return published - dt.timedelta(days=7 * count), 2, "week"
        year, month = divmod(published.year * 12 + published.month - 1 - count, 12)
        return _clamp(dt.date(year, month + 1, 15), published), 3, "month"
    if words in {"today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"}:
        return published, 1, "relative"
    if words in {"yesterday", "last night", "overnight"}:
        return published - dt.timedelta(days=1), 1, "relative"
    if words == "the day before yesterday":
        return published - dt.timedelta(days=2), 1, "relative"
    monday = published - dt.timedelta(days=published.weekday())
    if words.endswith("weekend"):
        saturday = monday - dt.timedelta(days=2)
        if words.startswith("this") and published.weekday() >= 5:
            saturday = monday + dt.timedelta(days=5)
        return saturday, 2, "week"
    if words.endswith("week"):
        if words.startswith(("last", "past")):
            return monday - dt.timedelta(days=5), 2, "week"
        # The known part of this week runs from Monday to the publication day.
        return monday + dt.timedelta(days=published.weekday() // 2), 2, "week"
    if words.startswith(("last", "past")):
        year, month = divmod(published.year * 12 + published.month - 2, 12)
        return dt.date(year, month + 1, 15), 3, "month"
    return _clamp(published.replace(day=15), published), 3, "month"


def _clamp(day: dt.date, published: dt.date | None) -> dt.date:
    return min(day, published) if published is not None else day


def _read(match: re.Match[str], published: dt.date | None) -> tuple[dt.date, int, str] | None:
    """Return (date, precision, kind) for one regex match, or None when it cannot be resolved."""
    group = match.lastgroup
    g = match.group
    if group == "iso":
        found = _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        return (found, 1, "explicit") if found else None
    if group == "dlist":  # "On 21, 23 and 27 February": separate days, the first is coded first
        found = _infer_year(_month(g("dlist_m")), int(g("dlist_d1")), published, g("dlist_y"))
        return (found, 1, "explicit") if found else None
    if group in {"dmy", "mdy"}:
        found = _infer_year(_month(g(f"{group}_m")), int(g(f"{group}_d")), published, g(f"{group}_y"))
        return (found, 1, "explicit") if found else None
    if group in {"num", "nsp", "nds"}:
        return _read_numeric(g(f"{group}_d"), g(f"{group}_m"), g(f"{group}_y") if group != "nds" else None,
                             published)
    # "(either) 2 or 3 July", "the weekend of 16-17 November": of two days, the later one.
    later = bool(_LATER_OF_TWO.search(match.string, max(0, match.start() - 24), match.start())) or " or " in g(0)
    if group == "rddm":
        month = _month(g("rddm_m"))
        span = _range((int(g("rddm_d1")), month, None), (int(g("rddm_d2")), month, g("rddm_y")), published, later=later)
    elif group == "rdmdm":
        span = _range((int(g("rdmdm_d1")), _month(g("rdmdm_m1")), g("rdmdm_y1")),
                      (int(g("rdmdm_d2")), _month(g("rdmdm_m2")), g("rdmdm_y2")), published, later=later)
    elif group == "rmdmd":
        span = _range((int(g("rmdmd_d1")), _month(g("rmdmd_m1")), g("rmdmd_y1")),
                      (int(g("rmdmd_d2")), _month(g("rmdmd_m2")), g("rmdmd_y2")), published, later=later)
    elif group == "rmdd":
        month = _month(g("rmdd_m"))
        span = _range((int(g("rmdd_d1")), month, None), (int(g("rmdd_d2")), month, g("rmdd_y")), published, later=later)
    elif group == "rmm":
        m1, m2 = _month(g("rmm_m1")), _month(g("rmm_m2"))
        span = _range((1, m1, g("rmm_y1")), (1, m2, g("rmm_y2")), published)
        return (span[0], 3, "range") if span else None
    elif group == "mon":
        return _read_month(match, published)
    elif group == "wd":
        if published is None:
            return None
        day, _ = _weekday(published, g("wd_day"), g("wd_mod"))
        return day, 1, "weekday"
    elif group == "rel":
        return _relative(match, published) if published is not None else None
    else:  # year
        return dt.date(int(g("year_y")), 7, 1), 3, "year"
    return (span[0], span[1], "range") if span else None


def _read_numeric(day: str, month: str, year: str | None, published: dt.date | None) -> tuple[dt.date, int, str] | None:
    d, m = int(day), int(month)
    if m > 12 >= d:  # only month/day reads validly
        d, m = m, d
    full_year = None
    if year:
        full_year = year if len(year) == 4 else str(2000 + int(year))
    found = _infer_year(m, d, published, full_year) if 1 <= m <= 12 else None
    return (found, 1, "numeric") if found else None


def _read_month(match: re.Match[str], published: dt.date | None) -> tuple[dt.date, int, str] | None:
    month = _month(match.group("mon_m"))
    year_text = match.group("mon_y")
    modifier = match.group("mon_mod")
    if year_text:
        year = int(year_text)
    elif published is None:
        return None
    else:
        year = published.year if month <= published.month else published.year - 1
    day = _month_day(year, month, modifier)
    if published is not None and (year, month) == (published.year, published.month):
        day = min(day, published)
    return day, 3, "month"


def _role(before: str, found: dt.date, kind: str, published: dt.date | None, base_role: str) -> str:
    """The mention's role from the words before it and its place relative to publication."""
    if _CODED_BEFORE.search(before):
        return "coded"
    if base_role == "future" or (published is not None and found > published):
        return "future"
    # "since 3 September" starts an ongoing episode (a usable date); "since 2014" is background.
    recent = published is not None and (published - found).days <= RECENT_SINCE_DAYS and kind != "year"
    history_cue = _HISTORY_BEFORE.search(before) and not recent
    if history_cue or (kind == "year" and (published is None or found.year < published.year)):
        return "history"
    if published is not None and (published - found).days > MAX_EVENT_AGE_DAYS:
        return "history"
    if _FUTURE_BEFORE.search(before):
        return "future"
    if _REPORT_BEFORE.search(before):
        return "report"
    return "event"


def _qualified(
    text: str, bounds: tuple[int, int, int, int], day: dt.date, precision: int, kind: str
) -> tuple[dt.date, int, int, int]:
    """Apply "around"/"(week of)"/"week beginning" qualifiers; return (date, precision, start, end).

    ``bounds`` is (window start, mention start, mention end, window end).
    """
    lo, s, e, hi = bounds
    before = text[max(lo, s - _LOOKBACK):s]
    if kind in {"explicit", "numeric", "range"}:
        if (m := _WEEK_START_BEFORE.search(before)) is not None:
            shift = 2 if kind != "range" else 0  # its Wednesday, as for "last week"
            return day + dt.timedelta(days=shift), 2, s - (len(before) - m.start()), e
        if (m := _WEEK_END_BEFORE.search(before)) is not None:
            return day - dt.timedelta(days=3), 2, s - (len(before) - m.start()), e
    if kind not in {"explicit", "numeric"}:
        return day, precision, s, e
    after = text[e:min(hi, e + 40)]
    if (m := _MONTH_AFTER.match(after)) is not None:
        close = after.find(")", m.end())
        return day, 3, s, (e + close + 1 if close >= 0 else e)
    if (m := _WEEK_AFTER.match(after)) is not None:
        close = after.find(")", m.end())
        close = close if close >= 0 else after.find("]", m.end())
        return day, 2, s, (e + close + 1 if close >= 0 and after[:1] != "," else e)
    if (m := _MONTH_BEFORE.search(before)) is not None:
        return day, 3, s - (len(before) - m.start()), e
    if (m := _WEEK_BEFORE.search(before)) is not None:
        return day, 2, s - (len(before) - m.start()), e
    return day, precision, s, e


def _windows(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Stretches of text[lo:hi] around anything that can start a date (a digit, a month, a weekday ...)."""
    spans: list[tuple[int, int]] = []
    for anchor in _ANCHOR.finditer(text, lo, hi):
        begin, finish = max(lo, anchor.start() - _BEFORE_ANCHOR), min(hi, anchor.end() + _AFTER_ANCHOR)
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], finish)
        else:
            spans.append((begin, finish))
    return spans


def _matches(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    for begin, finish in _windows(text, lo, hi):
        yield from _PATTERN.finditer(text, begin, finish)


def _next_occurrence(day: dt.date, published: dt.date) -> dt.date:
    for years in (0, 1):
        ahead = _safe_date(published.year + years, day.month, day.day)
        if ahead is not None and ahead >= published:
            return ahead
    return day


def find_dates(text: str, published: dt.date | None, *, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Find every date expression in ``text[start:end]``, in order, resolved against ``published``.

    Args:
        text: The full text; returned offsets index into it.
        published: Publication date used for missing years, weekdays and relative words.
            Without it, only expressions that carry their own year are returned; weekdays,
            relative words and day-months without a year cannot be placed and are dropped.
        start: First character of the window to scan.
        end: End of the window (exclusive); ``None`` for the end of the text.

    Returns:
        The mentions, ordered by start offset, each with span, date, precision, kind and role.
    """
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    found: list[DateMention] = []
    for match in _matches(text, lo, hi):
        group = match.lastgroup
        s, e = match.span("year_y") if group == "year" else match.span()
        bare_month = group == "mon" and not match.group("mon_y") and not match.group("mon_mod")
        if bare_month and not _MONTH_LEAD.search(text[max(lo, s - 16):s]):
            continue
        read = _read(match, published)
        if read is None:
            continue
        day, precision, kind = read
        base_role = "event"
        if group == "wd" and published is not None:
            base_role = _weekday(published, match.group("wd_day"), match.group("wd_mod"))[1]
        stated = day
        day, precision, s2, e2 = _qualified(text, (lo, s, e, hi), day, precision, kind)
        if published is not None and day > published >= stated:
            day = published  # a "week beginning" shift never moves a past date into the future
        role = _role(text[max(lo, s - _LOOKBACK):s], day, kind, published, base_role)
        if role == "future" and published is not None and day < published and not _HAS_YEAR.search(text, s, e):
            day = _next_occurrence(day, published)  # "scheduled for 26 October": the coming one
        found.append(DateMention(start=s2, end=e2, text=text[s2:e2], date=day, precision=precision,
                                 kind=kind, role=role))
    # "Overnight between 11 and 12 February", "on Tuesday, 3 October": the explicit date is the reading.
    return [m for i, m in enumerate(found)
            if not (m.kind in {"relative", "weekday", "week"} and i + 1 < len(found)
                    and found[i + 1].kind in {"explicit", "numeric", "range"}
                    and _JOINER.fullmatch(text[m.end:found[i + 1].start]))]


def resolve_event_date(
    mentions: Sequence[DateMention], published: dt.date | None, *, own: int | None = None
) -> DateMention | None:
    """Pick the date an event is coded to from its date mentions.

    Args:
        mentions: Mentions of the event's sentence first, then of its context (earlier
            sentences, the headline), as :func:`find_dates` returns them.
        published: The publication date; mentions after it are never chosen.
        own: How many leading mentions belong to the event's own sentence (``None``: all
            of them are treated as one group).

    Returns:
        A mention stated as the coded date ("coded to 15 May") if any; otherwise, from the
        sentence's own mentions, the first that is not a reporting date ("police said on
        Thursday that gunmen attacked on Wednesday" gives Wednesday), then its first
        reporting date, then the same choice among the context mentions. ``None`` when no
        mention is usable (the caller then falls back to the publication date).
    """
    usable = [m for m in mentions if _usable(m, published)]
    for mention in usable:
        if mention.role == "coded":
            return mention
    split = len(mentions) if own is None else max(0, own)
    own_ids = {id(m) for m in mentions[:split]}
    for group in ([m for m in usable if id(m) in own_ids], [m for m in usable if id(m) not in own_ids]):
        if group:
            return next((m for m in group if m.role != "report"), group[0])
    return None


def _usable(mention: DateMention, published: dt.date | None) -> bool:
    if mention.kind == "year" or mention.role in {"future", "history"}:
        return False
    if published is None:
        return True
    age = (published - mention.date).days
    return 0 <= age <= MAX_EVENT_AGE_DAYS
