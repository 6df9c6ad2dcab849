-- Mesh: Orleans 10.4.2 ADO.NET providers on PostgreSQL, part 1 of 4: the query catalogue.
--
-- The Orleans ADO.NET providers read every statement they run from OrleansQuery
-- ("SELECT QueryKey, QueryText FROM OrleansQuery") and bind named parameters (@DeploymentId, ...)
-- through Npgsql. The later files register their QueryKeys here.
--
-- Idempotent: safe to run again on a database that already has it.

SET client_min_messages = warning;

BEGIN;

-- Serialises concurrent runs of these scripts on one database.
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('mesh.orleans.schema')); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

COMMIT;
