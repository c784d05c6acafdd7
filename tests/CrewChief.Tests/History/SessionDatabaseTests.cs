using CrewChief.Config;
using CrewChief.Demo;
using CrewChief.History;
using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Strategy;
using CrewChief.Telemetry;
using Microsoft.Data.Sqlite;

namespace CrewChief.Tests.History;

public class SessionDatabaseTests
{
    private static string TempDb() => Path.Combine(Directory.CreateTempSubdirectory("cc-history").FullName, "history.db");

    private static RaceRecord Lap(int lap, double time, float fuel, bool clean = true, int position = 5, int incidents = 0) => new()
    {
        Type = RaceRecordType.Lap, Lap = lap, SessionTime = lap * time, Duration = time, FuelUsed = fuel, Flags = (byte)(clean ? 0 : 2),
        ClassPosition = position, Position = position, Incidents = incidents, FuelEstimate = float.NaN, PitLaneLoss = float.NaN,
        WearFl = float.NaN, WearFr = float.NaN, WearRl = float.NaN, WearRr = float.NaN,
    };

    [Fact]
    public void RoundTrip_LapsStopsTyresResult_ComeBackAsPriorsAndSummary()
    {
        string path = TempDb();
        using (var db = SessionDatabase.Open(path))
        {
            long s = db.BeginSession("Ferrari 296 GT3", "Lime Rock Park", "Race", DateTimeOffset.Now);
            db.AddLap(s, Lap(1, 61.0, 2.9f, clean: false));
            db.AddLap(s, Lap(2, 57.2, 2.4f));
            db.AddLap(s, Lap(3, 57.0, 2.6f, incidents: 2));
            db.AddPitStop(s, new RaceRecord { Type = RaceRecordType.PitStop, Lap = 3, SessionTime = 180, PitLaneLoss = 24.5f });
            db.AddTyreMeasurement(s, new RaceRecord { Type = RaceRecordType.TyreMeasured, Lap = 3, SessionTime = 181, WearFl = 12, WearFr = 10, WearRl = 8, WearRr = 7 });
            db.AddIncident(s, 3, 170, 2, 2);
            db.EndSession(s, new SessionResult(3, 57.0, 4, 4, 2), DateTimeOffset.Now);
        }
        using (var db = SessionDatabase.Open(path))
        {
            Assert.Equal(SessionDatabaseSchema.Current, db.SchemaVersion);
            var p = db.Priors("Ferrari 296 GT3", "Lime Rock Park");
            Assert.NotNull(p);
            Assert.Equal(2.5, p.FuelPerLap, 3);          // clean laps only: (2.4 + 2.6) / 2, the dirty 2.9 left out
            Assert.Equal(24.5, p.PitLaneLoss, 3);
            Assert.Equal(57.0, p.PersonalBest, 3);
            Assert.Equal("last session", p.Source);
            Assert.Null(db.Priors("Ferrari 296 GT3", "Spa"));
            var s = Assert.Single(db.Sessions(car: "ferrari", track: "lime"));
            Assert.Equal(3, s.Laps);
            Assert.Equal(2, s.CleanLaps);
            Assert.Equal(1, s.Stops);
            Assert.Equal(4, s.FinishClassPosition);
            Assert.Equal(2, s.Incidents);
            Assert.Equal(1, s.TyreMeasurements);
            Assert.Empty(db.Sessions(track: "spa"));
        }
    }

    [Fact]
    public void CorruptFile_OneLineNamingTheFile_EngineRunsAndLogsWithoutIt()
    {
        string path = TempDb();
        File.WriteAllBytes(path, [.. System.Text.Encoding.ASCII.GetBytes("this is not a database, it is a shopping list\n"), .. new byte[4000]]);
        var e = Assert.Throws<SessionDatabaseException>(() => SessionDatabase.Open(path));
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);

        string logDir = Path.GetDirectoryName(path)!;
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        using (var engine = RaceEngine.Create(new EngineConfig { TextOnly = true, LogDir = logDir, HistoryPath = path }, new LiveMapSource(host.MapPath!), new RaceEngineOptions()))
        {
            Assert.Null(engine.History);
            Assert.Contains(engine.Status, l => l.StartsWith("history: off (", StringComparison.Ordinal) && l.Contains(path));
            engine.Start(tickThread: false);
            for (int i = 0; i < 3000; i++) { host.StepOnce(); engine.Tick.Step(0); }
            engine.Tick.Finish();
            Assert.NotNull(engine.Log);
        }
        Assert.NotEmpty(Directory.GetFiles(logDir, "*.jsonl.gz"));
    }

    [Fact]
    public void OlderSchema_IsMigratedInPlace_KeepingItsData()
    {
        string path = TempDb();
        using (var v1 = SessionDatabase.Open(path, schema: 1))
        {
            Assert.Equal(1, v1.SchemaVersion);
            long s = v1.BeginSession("BMW M4 GT3", "Spa", "Race", DateTimeOffset.Now);
            v1.AddLap(s, Lap(2, 139.5, 3.1f));
            v1.AddLap(s, Lap(3, 138.9, 3.3f));
        }
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'pit_stops';";
            Assert.Equal(0L, (long)cmd.ExecuteScalar()!);
        }
        using var db = SessionDatabase.Open(path);
        Assert.Equal(SessionDatabaseSchema.Current, db.SchemaVersion);
        var p = db.Priors("BMW M4 GT3", "Spa");
        Assert.NotNull(p);
        Assert.Equal(3.2, p.FuelPerLap, 3);
        Assert.Equal(138.9, p.PersonalBest, 3);
        Assert.True(double.IsNaN(p.PitLaneLoss));
        long next = db.BeginSession("BMW M4 GT3", "Spa", "Race", DateTimeOffset.Now);
        db.AddPitStop(next, new RaceRecord { Type = RaceRecordType.PitStop, Lap = 9, SessionTime = 1200, PitLaneLoss = 31f });
        Assert.Equal(2, db.Sessions().Count);
    }

    [Fact]
    public void NewerSchema_IsRefused_WithOneLine()
    {
        string path = TempDb();
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99;";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<SessionDatabaseException>(() => SessionDatabase.Open(path));
        Assert.Contains("newer CrewChief", e.Message);
    }

    [Fact]
    public void EngineAndHistory_Concurrently_TheReaderSeesConsistentSessions_AndTheNextSessionGetsPriors()
    {
        string logDir = Directory.CreateTempSubdirectory("cc-history-engine").FullName;
        string path = Path.Combine(logDir, "history.db");
        using var stopReader = new CancellationTokenSource();
        int reads = 0;
        Exception? readerError = null;
        var reader = new Thread(() =>
        {
            try
            {
                while (!stopReader.IsCancellationRequested)
                {
                    if (File.Exists(path))
                    {
                        using var db = SessionDatabase.Open(path);
                        foreach (var s in db.Sessions()) Assert.True(s.CleanLaps <= s.Laps + 1);
                        reads++;
                    }
                    Thread.Sleep(5);
                }
            }
            catch (Exception e) { readerError = e; }
        });
        reader.Start();

        for (int run = 0; run < 2; run++)
        {
            using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
            var transcript = new StringWriter();
            using var engine = RaceEngine.Create(new EngineConfig { TextOnly = true, LogDir = logDir }, new LiveMapSource(host.MapPath!), new RaceEngineOptions { Transcript = transcript });
            Assert.True(engine.History is not null, string.Join("\n", engine.Status));
            var kinds = new List<CrewChief.Events.EventKind>();
            engine.Tick.EventRaised = e => kinds.Add(e.Kind);
            engine.Start(tickThread: false);
            bool sawPriors = false;
            // The first ticks bring the session info; the database's thread then begins the session and hands over
            // the priors. Wait for that hand-off (a signal, not a timer) before racing on.
            while (engine.Tick.Ticks < 2) { host.StepOnce(); engine.Tick.Step(0); }
            Assert.True(engine.History!.WaitForSession(TimeSpan.FromSeconds(30)));
            while (!host.Race.IsFinished)
            {
                host.StepOnce();
                engine.Tick.Step(0);
                sawPriors |= engine.Brain.Strategy.Priors is not null;
            }
            engine.Tick.Finish();
            Assert.Equal(run == 1 ? 1 : 0, kinds.Count(k => k == CrewChief.Events.EventKind.HistoryPriors));
            // The second race starts with what the first measured, and the page names where it came from.
            if (run == 1)
            {
                Assert.True(sawPriors, "the second session never received priors from the first");
                var priors = engine.Brain.Strategy.Priors!;
                Assert.True(priors.FuelPerLap is > 1 and < 5, $"fuel prior {priors.FuelPerLap}");
                Assert.Equal("last session", engine.Dashboard.PriorSource);
                Assert.True(engine.Director.WaitIdle(TimeSpan.FromSeconds(20)));
                Assert.Contains("Based on last session", transcript.ToString());
            }
        }
        stopReader.Cancel();
        reader.Join();
        Assert.Null(readerError);
        Assert.True(reads > 0);
        using var final = SessionDatabase.Open(path);
        var sessions = final.Sessions();
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.True(s.Laps >= 4 && s.CleanLaps >= 1 && s.FinishClassPosition > 0, s.ToString()));
    }

    [Fact]
    public void Priors_OfferedFromAnotherThread_TakenOnTheNextTick_FuelPlanAndPitLossUseThem()
    {
        var strategy = new CrewChief.Events.RaceBrain().Strategy;
        strategy.OfferPriors(new StrategyPriors(2.75, 27.0, 58.1, "last session", 1));
        Assert.Null(strategy.Priors);
        var frame = new TelemetryFrame { PlayerTrackSurface = TrackSurface.OnTrack, SessionTime = 10, FuelLevel = 40, Lap = 1 };
        strategy.Update(frame, null);
        Assert.True(strategy.PriorsAppliedThisTick);
        Assert.Equal(2.75, strategy.Fuel.Prior);
        Assert.True(strategy.Fuel.UsingPrior);
        Assert.Equal(27.0, strategy.Rejoin.PitLaneLoss(3.0));
        Assert.Equal(58.1, strategy.Pace.PersonalBest);
        frame.SessionTime = 10.016;
        strategy.Update(frame, null);
        Assert.False(strategy.PriorsAppliedThisTick);
    }
}
