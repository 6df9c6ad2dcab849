-- Mesh: Orleans 10.4.2 ADO.NET providers on PostgreSQL, part 3 of 4: grain storage.
-- Used by Microsoft.Orleans.Persistence.AdoNet (AddAdoNetGrainStorage). Requires 01-main.sql.
--
-- Contract with the provider (checked against the 10.4.2 assemblies):
--   * WriteToStorageKey, ReadFromStorageKey and ClearStorageKey are required; DeleteStorageKey is
--     needed only with AdoNetGrainStorageOptions.DeleteStateOnClear = true;
--   * every query gets GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
--     GrainIdExtensionString (NULL when the key has none), ServiceId; writes, clears and deletes
--     also GrainStateVersion (the etag the grain holds, NULL when it has none); writes also
--     PayloadBinary (the serialized state: JSON text as bytes with the default serializer);
--   * reads return at most one row with columns PayloadBinary and Version;
--   * writes, clears and deletes return one value: the new version. Returning the version the grain
--     already holds, NULL or nothing makes Orleans throw InconsistentStateException.
--
-- Idempotent: safe to run again on a database that already has it.

SET client_min_messages = warning;

BEGIN;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('mesh.orleans.schema')); END $$;

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

-- One row per grain (a grain is all seven key columns; a NULL extension differs from ''), so two
-- activations racing to create the first state cannot both succeed. Also serves every lookup.
-- The strings are hashed to keep index entries small whatever their length.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1,
                       md5(GrainTypeString), md5(COALESCE(GrainIdExtensionString, '')),
                       (GrainIdExtensionString IS NULL));

-- Writes a grain's state. With a version: updates the row holding exactly that version and returns
-- version + 1, or returns the given version unchanged (a conflict) when no row matched. Without
-- one: creates the row at version 1 and returns 1, or NULL (a conflict) when it already exists.
CREATE OR REPLACE FUNCTION writetostorage(
    _grainidhash            integer,
    _grainidn0              bigint,
    _grainidn1              bigint,
    _graintypehash          integer,
    _graintypestring        text,
    _grainidextensionstring text,
    _serviceid              text,
    _grainstateversion      integer,
    _payloadbinary          bytea)
RETURNS TABLE (newgrainstateversion integer)
LANGUAGE plpgsql
AS $func$
DECLARE
    written integer;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        UPDATE OrleansStorage AS s
        SET PayloadBinary = _payloadbinary,
            ModifiedOn = now(),
            Version = s.Version + 1
        WHERE s.ServiceId = _serviceid
          AND s.GrainTypeHash = _graintypehash
          AND s.GrainIdHash = _grainidhash
          AND s.GrainIdN0 = _grainidn0
          AND s.GrainIdN1 = _grainidn1
          AND s.GrainTypeString = _graintypestring
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
          AND s.Version = _grainstateversion
        RETURNING s.Version INTO written;

        RETURN QUERY SELECT COALESCE(written, _grainstateversion);
        RETURN;
    END IF;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT
        _grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
        _grainidextensionstring, _serviceid, _payloadbinary, now(), 1
    WHERE NOT EXISTS (
        SELECT 1
        FROM OrleansStorage AS s
        WHERE s.ServiceId = _serviceid
          AND s.GrainTypeHash = _graintypehash
          AND s.GrainIdHash = _grainidhash
          AND s.GrainIdN0 = _grainidn0
          AND s.GrainIdN1 = _grainidn1
          AND s.GrainTypeString = _graintypestring
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring)
    ON CONFLICT DO NOTHING
    RETURNING 1 INTO written;

    RETURN QUERY SELECT written;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('WriteToStorageKey', $q$
    SELECT newgrainstateversion AS NewGrainStateVersion
    FROM writetostorage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),

('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE ServiceId = @ServiceId
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdHash = @GrainIdHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- Keeps the row (and its version) but drops the payload: the grain then reads as "no state".
('ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE ServiceId = @ServiceId
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdHash = @GrainIdHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),

-- Removes the row; returns version + 1 so the provider sees the operation succeeded.
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE ServiceId = @ServiceId
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdHash = @GrainIdHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
