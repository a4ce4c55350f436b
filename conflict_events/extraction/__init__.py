"""From annotated documents to event mentions and events."""
