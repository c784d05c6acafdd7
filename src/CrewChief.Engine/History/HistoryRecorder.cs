using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Strategy;
using Microsoft.Data.Sqlite;

namespace CrewChief.History;

/// <summary>
/// Writes the session into the database from its own thread and reads the priors for the next one. The tick only
/// enqueues into a bounded channel that drops when full, so the disk can never slow the race; a database that
/// fails mid-session says so once and the recorder goes quiet (the session log is untouched by it).
/// </summary>
public sealed class HistoryRecorder : IRaceRecordTap, IDisposable
{
    // Preallocated: a database stalled on its disk costs the tick no allocation either.
    private readonly TapQueue<Item> _queue = new(1024);
    private readonly SessionDatabase _db;
    private readonly Thread _thread;
    private readonly Action<StrategyPriors> _onPriors;
    private long _session = -1;
    private SessionResult _result;
    private int _lastIncidents;
    private bool _failed;
    private int _disposed;

    public string Path => _db.Path;
    /// <summary>Items written (laps, stops, measurements, sessions); for tests.</summary>
    public long Written { get; private set; }
    public StrategyPriors? LastPriors { get; private set; }
    private readonly ManualResetEventSlim _sessionBegun = new();

    /// <summary>Waits until a session has been begun and its priors handed over (tests, tools; never the tick).</summary>
    public bool WaitForSession(TimeSpan timeout) => _sessionBegun.Wait(timeout);

    private HistoryRecorder(SessionDatabase db, Action<StrategyPriors> onPriors)
    {
        _db = db;
        _onPriors = onPriors;
        _thread = new Thread(Run) { Name = "crewchief-history", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Opens the database; false with one line when it cannot (the engine then runs without history).</summary>
    public static bool TryOpen(string path, Action<StrategyPriors> onPriors, out HistoryRecorder? recorder, out string error)
    {
        try
        {
            recorder = new HistoryRecorder(SessionDatabase.Open(path), onPriors);
            error = "";
            return true;
        }
        catch (SessionDatabaseException e)
        {
            recorder = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>A new session (car, track or session changed): ends the previous one and loads priors for this one.</summary>
    public void BeginSession(string car, string track, string sessionType) =>
        _queue.TryWrite(new Item { Begin = new Begin(car, track, sessionType) });

    public void OnRecord(in RaceRecord record) => _queue.TryWrite(new Item { Record = record });

    private void Run()
    {
        while (!_queue.IsCompleted)
        {
            _queue.Wait(Timeout.Infinite);
            while (_queue.TryRead(out var item))
            {
                if (_failed) continue;
                try
                {
                    Handle(item);
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
                {
                    _failed = true;
                    Console.Error.WriteLine($"crewchief: history {_db.Path}: {e.Message.Replace('\n', ' ')}; not recording any more, the race goes on.");
                }
            }
        }
        if (!_failed && _session >= 0)
        {
            try { _db.EndSession(_session, _result, DateTimeOffset.Now); }
            catch (SqliteException e) { Console.Error.WriteLine($"crewchief: history {_db.Path}: {e.Message.Replace('\n', ' ')}."); }
        }
    }

    private void Handle(in Item item)
    {
        if (item.Begin is { } begin)
        {
            if (_session >= 0) _db.EndSession(_session, _result, DateTimeOffset.Now);
            _session = _db.BeginSession(begin.Car, begin.Track, begin.SessionType, DateTimeOffset.Now);
            _result = new SessionResult(0, double.NaN, 0, 0, 0);
            _lastIncidents = 0;
            Written++;
            var priors = _db.Priors(begin.Car, begin.Track, exclude: _session);
            LastPriors = priors;
            if (priors is not null) _onPriors(priors);
            _sessionBegun.Set();
            return;
        }
        if (_session < 0) return;
        var r = item.Record;
        switch (r.Type)
        {
            case RaceRecordType.Lap:
                _db.AddLap(_session, r);
                double best = _result.BestLap;
                if (r.IsClean && (double.IsNaN(best) || r.Duration < best)) best = r.Duration;
                _result = new SessionResult(Math.Max(_result.Laps, r.Lap), best, r.Position, r.ClassPosition, r.Incidents);
                if (r.Incidents > _lastIncidents)
                {
                    _db.AddIncident(_session, r.Lap, r.SessionTime, r.Incidents - _lastIncidents, r.Incidents);
                    _lastIncidents = r.Incidents;
                }
                break;
            case RaceRecordType.PitStop:
                // A stop under a yellow is slow by the rules, not by the pit lane: it would be a wrong prior.
                if ((r.Flags & (byte)Strategy.LapFlags.Yellow) == 0) _db.AddPitStop(_session, r);
                break;
            case RaceRecordType.TyreMeasured:
                _db.AddTyreMeasurement(_session, r);
                break;
        }
        Written++;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Complete();
        if (_thread.Join(5000)) _queue.Dispose();
        _db.Dispose();
        _sessionBegun.Dispose();
    }

    private sealed record Begin(string Car, string Track, string SessionType);

    private struct Item
    {
        public Begin? Begin;
        public RaceRecord Record;
    }
}
