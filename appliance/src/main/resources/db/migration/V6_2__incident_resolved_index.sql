-- The AI answer cache's data version reads MAX(resolved_at) on every request: an index makes it a lookup.
CREATE INDEX IF NOT EXISTS ix_incident_patterns_resolved_at ON ai_incident_patterns (resolved_at);
