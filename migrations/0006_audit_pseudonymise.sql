-- The audit trail stays append-only, with exactly one exception: when a household is destroyed after its
-- retention period, its audit rows are pseudonymised. The exception is narrow by construction:
--  * only inside a transaction that named the household in the transaction-local setting
--    casustafel.pseudonymise_household (set_config(..., true) ends with the transaction);
--  * only when that household row no longer exists and its destruction record does;
--  * the values the UPDATE statement asked for are ignored: the row is rebuilt from its old values by the
--    rule below (who, organisation, when, what kind, ip and ids stay; free text and names go), so the path
--    cannot be used to rewrite history, only to forget the household's personal details. DELETE and
--    TRUNCATE stay refused, always.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.household_id IS NOT NULL
     AND current_setting('casustafel.pseudonymise_household', true) = OLD.household_id::text
     AND NOT EXISTS (SELECT 1 FROM households WHERE id = OLD.household_id)
     AND EXISTS (SELECT 1 FROM household_destructions WHERE household_id = OLD.household_id) THEN
    NEW := OLD;
    NEW.target := CASE
      WHEN OLD.target ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN OLD.target
      ELSE NULL
    END;
    NEW.details := COALESCE(
      (SELECT jsonb_object_agg(d.key, d.value)
         FROM jsonb_each(COALESCE(OLD.details, '{}'::jsonb)) AS d
        WHERE d.key = ANY (ARRAY[
          'role', 'previousRole', 'readOnly', 'updates', 'start', 'end', 'firstUpdateAt', 'lastUpdateAt',
          'verdict', 'present', 'format', 'versionId', 'documentId', 'kind', 'version', 'userId',
          'answer', 'resource', 'tried', 'via', 'established', 'count'
        ])
          AND jsonb_typeof(d.value) IN ('string', 'number', 'boolean', 'null')),
      '{}'::jsonb) || '{"pseudonymised": true}'::jsonb;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
