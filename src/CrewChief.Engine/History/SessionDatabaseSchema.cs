using Microsoft.Data.Sqlite;

namespace CrewChief.History;

/// <summary>
/// The database's schema as numbered migrations. PRAGMA user_version holds how many have run; opening a file
/// runs the missing ones in one transaction each, so a database written by an older CrewChief is upgraded in
/// place and keeps its data. Append a migration, never edit one that shipped.
/// </summary>
public static class SessionDatabaseSchema
{
    public static readonly string[] Migrations =
    [
        // 1: sessions and laps (the first release).
        """
        CREATE TABLE sessions(
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            car TEXT NOT NULL,
            track TEXT NOT NULL,
            session_type TEXT NOT NULL,
            laps INTEGER NOT NULL DEFAULT 0,
            best_lap_s REAL,
            finish_position INTEGER,
            finish_class_position INTEGER,
            incidents INTEGER);
        CREATE INDEX sessions_car_track ON sessions(car, track);
        CREATE TABLE laps(
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            lap INTEGER NOT NULL,
            time_s REAL,
            fuel_used_l REAL,
            clean INTEGER NOT NULL,
            position INTEGER,
            PRIMARY KEY(session_id, lap));
        """,
        // 2: pit-lane loss, tyre measurements, incidents, and when a session ended.
        """
        ALTER TABLE sessions ADD COLUMN ended TEXT;
        CREATE TABLE pit_stops(
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            lap INTEGER NOT NULL,
            t REAL NOT NULL,
            loss_s REAL NOT NULL);
        CREATE TABLE tyre_measurements(
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            lap INTEGER NOT NULL,
            t REAL NOT NULL,
            fl REAL, fr REAL, rl REAL, rr REAL);
        CREATE TABLE incidents(
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            lap INTEGER NOT NULL,
            t REAL NOT NULL,
            added INTEGER NOT NULL,
            total INTEGER NOT NULL);
        """,
    ];

    public static int Current => Migrations.Length;

    /// <summary>Runs migrations until the file is at <paramref name="target"/> (tests stop early to make an old file).</summary>
    public static void Migrate(SqliteConnection connection, int target)
    {
        while (true)
        {
            // BEGIN IMMEDIATE takes the write lock first and the version is read under it: two processes opening a
            // new file at once (the engine and 'crewchief history') never run the same migration twice.
            using var tx = connection.BeginTransaction(deferred: false);
            int version = Version(connection, tx);
            if (version > Migrations.Length)
                throw new SessionDatabaseException($"it was written by a newer CrewChief (schema {version}, this one knows {Migrations.Length}); update CrewChief or use another file with --history-db.");
            if (version >= target) { tx.Commit(); return; }
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    public static int Version(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The database cannot be used (corrupt, newer schema, unreadable); the message is one line for the user.</summary>
public sealed class SessionDatabaseException(string message) : Exception(message);
