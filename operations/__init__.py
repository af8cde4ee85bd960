"""Operations: backing the portal up and restoring it (database, media and a manifest)."""
