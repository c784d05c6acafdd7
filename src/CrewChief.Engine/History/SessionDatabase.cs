using System.Globalization;
using CrewChief.Logging;
using CrewChief.Strategy;
using Microsoft.Data.Sqlite;

namespace CrewChief.History;

/// <summary>One session as `crewchief history` lists it.</summary>
public sealed record SessionSummary(long Id, string Started, string Car, string Track, string SessionType, int Laps, int CleanLaps,
    double BestLap, double FuelPerLap, double PitLoss, int Stops, int FinishPosition, int FinishClassPosition, int Incidents, int TyreMeasurements);

/// <summary>How a session ended, written when it closes.</summary>
public readonly record struct SessionResult(int Laps, double BestLap, int Position, int ClassPosition, int Incidents);

/// <summary>
/// The session database: per car and track, every lap (time, fuel, clean or not), measured pit stops, tyre
/// measurements, incidents and each session's result, in one SQLite file (Microsoft.Data.Sqlite with its bundled
/// native SQLite). WAL mode and a busy timeout let `crewchief history` read while an engine writes. Any failure
/// to open or read the file becomes a <see cref="SessionDatabaseException"/> with a one-line message.
/// </summary>
public sealed class SessionDatabase : IDisposable
{
    private static int s_initialised;
    private readonly SqliteConnection _connection;

    public string Path { get; }

    private SessionDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>Opens (or creates) the file and brings its schema up to date.</summary>
    public static SessionDatabase Open(string path, int schema = -1)
    {
        // The bundle is initialised explicitly: Microsoft.Data.Sqlite's own lookup is by reflection, which a trimmed
        // Native AOT exe cannot rely on.
        if (Interlocked.Exchange(ref s_initialised, 1) == 0) SQLitePCL.Batteries_V2.Init();
        SqliteConnection? connection = null;
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 5,
            }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
            SessionDatabaseSchema.Migrate(connection, schema < 0 ? SessionDatabaseSchema.Current : schema);
            return new SessionDatabase(path, connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or SessionDatabaseException
            or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            connection?.Dispose();
            string why = e switch
            {
                SqliteException { SqliteErrorCode: 26 or 11 } => "not a CrewChief database or corrupt",
                DllNotFoundException or TypeInitializationException or EntryPointNotFoundException =>
                    "SQLite's native library (e_sqlite3) is missing beside the exe; publish again so it is copied",
                _ => e.Message.Replace('\n', ' '),
            };
            throw new SessionDatabaseException($"{path}: {why}; the engine runs without history (move the file away to start a new one, or set history.database / --history-db).");
        }
    }

    public int SchemaVersion => SessionDatabaseSchema.Version(_connection);

    public long BeginSession(string car, string track, string sessionType, DateTimeOffset started)
    {
        using var cmd = Command("INSERT INTO sessions(started, car, track, session_type) VALUES($started, $car, $track, $type) RETURNING id;");
        cmd.Parameters.AddWithValue("$started", started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$car", car);
        cmd.Parameters.AddWithValue("$track", track);
        cmd.Parameters.AddWithValue("$type", sessionType);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void AddLap(long session, in RaceRecord r)
    {
        using var cmd = Command("INSERT OR REPLACE INTO laps(session_id, lap, time_s, fuel_used_l, clean, position) VALUES($s, $lap, $time, $fuel, $clean, $pos);");
        cmd.Parameters.AddWithValue("$s", session);
        cmd.Parameters.AddWithValue("$lap", r.Lap);
        cmd.Parameters.AddWithValue("$time", Db(r.Duration));
        cmd.Parameters.AddWithValue("$fuel", Db(r.FuelUsed));
        cmd.Parameters.AddWithValue("$clean", r.IsClean && r.FuelUsed > 0 ? 1 : 0);
        cmd.Parameters.AddWithValue("$pos", r.ClassPosition > 0 ? r.ClassPosition : DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    public void AddPitStop(long session, in RaceRecord r)
    {
        using var cmd = Command("INSERT INTO pit_stops(session_id, lap, t, loss_s) VALUES($s, $lap, $t, $loss);");
        cmd.Parameters.AddWithValue("$s", session);
        cmd.Parameters.AddWithValue("$lap", r.Lap);
        cmd.Parameters.AddWithValue("$t", r.SessionTime);
        cmd.Parameters.AddWithValue("$loss", (double)r.PitLaneLoss);
        cmd.ExecuteNonQuery();
    }

    public void AddTyreMeasurement(long session, in RaceRecord r)
    {
        using var cmd = Command("INSERT INTO tyre_measurements(session_id, lap, t, fl, fr, rl, rr) VALUES($s, $lap, $t, $fl, $fr, $rl, $rr);");
        cmd.Parameters.AddWithValue("$s", session);
        cmd.Parameters.AddWithValue("$lap", r.Lap);
        cmd.Parameters.AddWithValue("$t", r.SessionTime);
        cmd.Parameters.AddWithValue("$fl", Db(r.WearFl));
        cmd.Parameters.AddWithValue("$fr", Db(r.WearFr));
        cmd.Parameters.AddWithValue("$rl", Db(r.WearRl));
        cmd.Parameters.AddWithValue("$rr", Db(r.WearRr));
        cmd.ExecuteNonQuery();
    }

    public void AddIncident(long session, int lap, double t, int added, int total)
    {
        using var cmd = Command("INSERT INTO incidents(session_id, lap, t, added, total) VALUES($s, $lap, $t, $added, $total);");
        cmd.Parameters.AddWithValue("$s", session);
        cmd.Parameters.AddWithValue("$lap", lap);
        cmd.Parameters.AddWithValue("$t", t);
        cmd.Parameters.AddWithValue("$added", added);
        cmd.Parameters.AddWithValue("$total", total);
        cmd.ExecuteNonQuery();
    }

    public void EndSession(long session, SessionResult result, DateTimeOffset ended)
    {
        using var cmd = Command("""
            UPDATE sessions SET laps = $laps, best_lap_s = $best, finish_position = $pos, finish_class_position = $cpos,
                incidents = $inc, ended = $ended WHERE id = $s;
            """);
        cmd.Parameters.AddWithValue("$s", session);
        cmd.Parameters.AddWithValue("$laps", result.Laps);
        cmd.Parameters.AddWithValue("$best", Db(result.BestLap));
        cmd.Parameters.AddWithValue("$pos", result.Position > 0 ? result.Position : DBNull.Value);
        cmd.Parameters.AddWithValue("$cpos", result.ClassPosition > 0 ? result.ClassPosition : DBNull.Value);
        cmd.Parameters.AddWithValue("$inc", result.Incidents);
        cmd.Parameters.AddWithValue("$ended", ended.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Priors for <paramref name="car"/> at <paramref name="track"/>, from sessions other than <paramref name="exclude"/>:
    /// fuel per lap from the latest session with clean laps, the mean of the last five measured stops, the best clean lap ever.
    /// </summary>
    public StrategyPriors? Priors(string car, string track, long exclude = -1)
    {
        using var count = Command("SELECT COUNT(*), MAX(id) FROM sessions WHERE car = $car AND track = $track AND id <> $x;", car, track, exclude);
        int sessions;
        long latest;
        using (var r = count.ExecuteReader())
        {
            r.Read();
            sessions = r.GetInt32(0);
            latest = r.IsDBNull(1) ? -1 : r.GetInt64(1);
        }
        if (sessions == 0) return null;

        double fuel = double.NaN;
        long fuelSession = -1;
        using (var cmd = Command("""
            SELECT l.session_id, AVG(l.fuel_used_l) FROM laps l JOIN sessions s ON s.id = l.session_id
            WHERE s.car = $car AND s.track = $track AND s.id <> $x AND l.clean = 1 AND l.fuel_used_l > 0
            GROUP BY l.session_id ORDER BY l.session_id DESC LIMIT 1;
            """, car, track, exclude))
        using (var r = cmd.ExecuteReader())
        {
            if (r.Read()) { fuelSession = r.GetInt64(0); fuel = r.GetDouble(1); }
        }
        double pitLoss = Scalar("""
            SELECT AVG(loss_s) FROM (SELECT p.loss_s FROM pit_stops p JOIN sessions s ON s.id = p.session_id
            WHERE s.car = $car AND s.track = $track AND s.id <> $x ORDER BY p.session_id DESC, p.t DESC LIMIT 5);
            """, car, track, exclude);
        double best = Scalar("""
            SELECT MIN(l.time_s) FROM laps l JOIN sessions s ON s.id = l.session_id
            WHERE s.car = $car AND s.track = $track AND s.id <> $x AND l.clean = 1 AND l.time_s > 0;
            """, car, track, exclude);
        int ago = 1;
        if (fuelSession >= 0 && fuelSession != latest)
        {
            using var newer = Command("SELECT COUNT(*) FROM sessions WHERE car = $car AND track = $track AND id <> $x AND id > $f;", car, track, exclude);
            newer.Parameters.AddWithValue("$f", fuelSession);
            ago = 1 + Convert.ToInt32(newer.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        string source = ago == 1 ? "last session" : $"a session {ago} ago";
        var priors = new StrategyPriors(fuel, pitLoss, best, source, sessions, ago);
        return priors.HasAny ? priors : null;
    }

    /// <summary>Every session, newest first, optionally only one car and/or track (case-insensitive substring).</summary>
    public List<SessionSummary> Sessions(string? car = null, string? track = null, int limit = 200)
    {
        using var cmd = Command("""
            SELECT s.id, s.started, s.car, s.track, s.session_type, s.laps,
                (SELECT COUNT(*) FROM laps l WHERE l.session_id = s.id AND l.clean = 1),
                s.best_lap_s,
                (SELECT AVG(fuel_used_l) FROM laps l WHERE l.session_id = s.id AND l.clean = 1 AND l.fuel_used_l > 0),
                (SELECT AVG(loss_s) FROM pit_stops p WHERE p.session_id = s.id),
                (SELECT COUNT(*) FROM pit_stops p WHERE p.session_id = s.id),
                s.finish_position, s.finish_class_position, s.incidents,
                (SELECT COUNT(*) FROM tyre_measurements m WHERE m.session_id = s.id),
                (SELECT MAX(l.lap) FROM laps l WHERE l.session_id = s.id),
                (SELECT MIN(l.time_s) FROM laps l WHERE l.session_id = s.id AND l.clean = 1 AND l.time_s > 0)
            FROM sessions s
            WHERE ($car IS NULL OR instr(lower(s.car), lower($car)) > 0) AND ($track IS NULL OR instr(lower(s.track), lower($track)) > 0)
            ORDER BY s.id DESC LIMIT $limit;
            """);
        cmd.Parameters.AddWithValue("$car", (object?)car ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$track", (object?)track ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$limit", limit);
        var list = new List<SessionSummary>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            // A session still running (or cut off) has no result yet: its laps so far come from the lap table.
            int laps = r.GetInt32(5) > 0 ? r.GetInt32(5) : r.IsDBNull(15) ? 0 : r.GetInt32(15);
            double best = !r.IsDBNull(7) ? r.GetDouble(7) : r.IsDBNull(16) ? double.NaN : r.GetDouble(16);
            list.Add(new SessionSummary(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), laps, r.GetInt32(6),
                best, D(r, 8), D(r, 9), r.GetInt32(10), I(r, 11), I(r, 12), I(r, 13), r.GetInt32(14)));
        }
        return list;
    }

    private static double D(SqliteDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);
    private static int I(SqliteDataReader r, int i) => r.IsDBNull(i) ? 0 : r.GetInt32(i);

    private double Scalar(string sql, string car, string track, long exclude)
    {
        using var cmd = Command(sql, car, track, exclude);
        object? v = cmd.ExecuteScalar();
        return v is null or DBNull ? double.NaN : Convert.ToDouble(v, CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string sql, string car, string track, long exclude)
    {
        var cmd = Command(sql);
        cmd.Parameters.AddWithValue("$car", car);
        cmd.Parameters.AddWithValue("$track", track);
        cmd.Parameters.AddWithValue("$x", exclude);
        return cmd;
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static object Db(double v) => double.IsFinite(v) ? v : DBNull.Value;

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
