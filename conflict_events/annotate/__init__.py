"""NLP backends: documents in, :class:`~conflict_events.annotate.base.AnnotatedDocument` out."""
