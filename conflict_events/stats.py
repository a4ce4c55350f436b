"""Summary figures of a dataset: events by type, country and month, fatalities, record statuses.

:func:`dataset_stats` reads four columns one file at a time and adds them up, so it works on
datasets of any size. :func:`plot_months` draws events per month by event type with
matplotlib (the ``plot`` extra), imported only when a chart is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from conflict_events import codebook
from conflict_events.dataset import event_files, open_dataset, read_documents_table, read_events_file, read_rejects
from conflict_events.errors import BackendNotAvailableError, DatasetError

PLOT_INSTALL: Final = 'pip install "conflict-events[plot]"'
_COLUMNS: Final = ("event_type", "country", "event_date", "fatalities")

Count = tuple[str, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class DatasetStats:
    """Counts of a dataset.

    Attributes:
        path: The dataset directory.
        events: Event rows.
        fatalities: Sum of ``fatalities``.
        first_date: Earliest event_date (None when there are no events).
        last_date: Latest event_date.
        by_event_type: ``(event_type, events, fatalities)``, in ACLED's order of types.
        by_country: ``(country, events, fatalities)``, most events first (``"(unknown)"`` for none).
        by_month: ``(YYYY-MM, events, fatalities)``, in time order.
        by_month_type: ``(YYYY-MM, event_type, events)``, for charts.
        documents: ``(status, records)`` from the documents table.
        rejects: ``(reason, rejects)`` from the rejects table.
    """

    path: str
    events: int
    fatalities: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_event_type: tuple[Count, ...]
    by_country: tuple[Count, ...]
    by_month: tuple[Count, ...]
    by_month_type: tuple[tuple[str, str, int], ...]
    documents: tuple[tuple[str, int], ...] = ()
    rejects: tuple[tuple[str, int], ...] = ()

    def table(self, *, top: int = 15) -> str:
        """Return the figures as readable text tables.

        Args:
            top: Countries to list (the rest are summed on one line).
        """
        span = f"{self.first_date} to {self.last_date}" if self.first_date else "no events"
        lines = [f"{self.path}: {self.events:,} events, {self.fatalities:,} fatalities, {span}"]
        if self.documents:
            lines.append("records: " + ", ".join(f"{status} {count:,}" for status, count in self.documents))
        if self.rejects:
            lines.append("rejects: " + ", ".join(f"{reason} {count:,}" for reason, count in self.rejects))
        countries = list(self.by_country[:top])
        rest = self.by_country[top:]
        if rest:
            countries.append((f"({len(rest)} more)", sum(c[1] for c in rest), sum(c[2] for c in rest)))
        for title, rows in (("event type", self.by_event_type), ("country", countries), ("month", self.by_month)):
            lines += ["", *_text_table(title, rows)]
        return "\n".join(lines)


def _text_table(title: str, rows: tuple[Count, ...] | list[Count]) -> list[str]:
    width = max([len(title), *(len(r[0]) for r in rows)])
    out = [f"{title:<{width}}  {'events':>8}  {'fatalities':>10}", f"{'-' * width}  {'-' * 8}  {'-' * 10}"]
    out += [f"{name:<{width}}  {events:>8,}  {deaths:>10,}" for name, events, deaths in rows]
    return out


def dataset_stats(path: str | Path) -> DatasetStats:
    """Count a dataset's events by type, country and month, with fatality totals.

    Args:
        path: The dataset directory.

    Returns:
        The figures.

    Raises:
        DatasetError: The path is not a dataset.
    """
    root = open_dataset(path)
    events: Counter[tuple[str, str]] = Counter()
    deaths: Counter[tuple[str, str]] = Counter()
    month_type: Counter[tuple[str, str]] = Counter()
    first: dt.date | None = None
    last: dt.date | None = None
    for file in event_files(root):
        frame = read_events_file(file, _COLUMNS).to_pandas(use_threads=False)
        if frame.empty:
            continue
        dates = pd.to_datetime(frame["event_date"])
        months = dates.dt.strftime("%Y-%m").to_numpy()
        fatalities = frame["fatalities"].astype("int64").to_numpy()
        keys = {"type": frame["event_type"].to_numpy(), "country": frame["country"].fillna("(unknown)").to_numpy(),
                "month": months}
        for kind, values in keys.items():
            grouped = pd.DataFrame({"key": values, "deaths": fatalities}).groupby("key")["deaths"].agg(["size", "sum"])
            for key, size, total in grouped.itertuples():
                events[kind, str(key)] += int(size)
                deaths[kind, str(key)] += int(total)
        month_type.update(zip(months, keys["type"], strict=True))
        low, high = dates.min().date(), dates.max().date()
        first = low if first is None or low < first else first
        last = high if last is None or high > last else last

    def counts(kind: str) -> list[Count]:
        return [(key, n, deaths[k, key]) for (k, key), n in events.items() if k == kind]

    order = {name: i for i, name in enumerate(codebook.EVENT_TYPES)}
    documents = read_documents_table(root)["status"].astype(object).value_counts()
    rejects = read_rejects(root)["reason"].astype(object).value_counts()
    by_type = counts("type")
    return DatasetStats(
        path=str(root),
        events=sum(c[1] for c in by_type),
        fatalities=sum(c[2] for c in by_type),
        first_date=first,
        last_date=last,
        by_event_type=tuple(sorted(by_type, key=lambda c: order.get(c[0], len(order)))),
        by_country=tuple(sorted(counts("country"), key=lambda c: (-c[1], c[0]))),
        by_month=tuple(sorted(counts("month"))),
        by_month_type=tuple(sorted((m, t, n) for (m, t), n in month_type.items())),
        documents=tuple(sorted((str(k), int(v)) for k, v in documents.items())),
        rejects=tuple(sorted((str(k), int(v)) for k, v in rejects.items())),
    )


def plot_months(stats: DatasetStats, out: str | Path) -> Path:
    """Draw events per month, stacked by event type, to a PNG file.

    Args:
        stats: Figures from :func:`dataset_stats`.
        out: The PNG file to write.

    Returns:
        The written file.

    Raises:
        BackendNotAvailableError: matplotlib is not installed (the ``plot`` extra).
        DatasetError: The dataset has no events to draw.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise BackendNotAvailableError("matplotlib (charts)", PLOT_INSTALL, detail=str(exc)) from exc
    if not stats.by_month_type:
        raise DatasetError(stats.path, "has no events to chart")
    present = sorted({m for m, _, _ in stats.by_month_type})
    months = [str(p) for p in pd.period_range(present[0], present[-1], freq="M")]  # empty months show as gaps
    table = pd.DataFrame(0, index=months, columns=list(codebook.EVENT_TYPES))
    for month, event_type, count in stats.by_month_type:
        table.loc[month, event_type] += count
    table = table.loc[:, table.sum() > 0]
    figure, axes = plt.subplots(figsize=(min(14.0, max(6.0, 0.3 * len(months) + 3)), 4.5), dpi=120)
    try:
        bottom = pd.Series(0, index=months)
        for event_type in table.columns:
            axes.bar(months, table[event_type], bottom=bottom, label=event_type, width=0.8)
            bottom = bottom + table[event_type]
        axes.set_ylabel("events")
        axes.set_title(f"Events per month by type ({stats.events:,} events)")
        axes.legend(fontsize=8, frameon=False)
        step = max(1, len(months) // 24)
        axes.set_xticks(range(0, len(months), step), months[::step], rotation=60, ha="right", fontsize=7)
        figure.tight_layout()
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(target, format="png")
    finally:
        plt.close(figure)
    return target


__all__ = ["PLOT_INSTALL", "DatasetStats", "dataset_stats", "plot_months"]
