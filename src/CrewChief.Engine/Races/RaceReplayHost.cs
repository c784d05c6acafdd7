using System.Diagnostics;
using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// Publishes a replayed session (<see cref="IReplayedSession"/>: real race timing or a live NDJSON recording)
/// into an irsdk live map through <see cref="IrsdkWriter"/>, on its own thread, so the engine attaches with its
/// real live reader exactly as to iRacing — the same shape as the demo's <c>DemoHost</c>, so a named map
/// (<see cref="IrsdkWriter.CreateNamed"/>) can be published instead of a file. Paced at <see cref="Speed"/>×
/// session time, or flat out (0) with <see cref="AfterTick"/> letting the engine read each frame in lock-step.
/// </summary>
public sealed class RaceReplayHost : ISimPublisher
{
    private readonly IrsdkWriter _writer;
    private readonly bool _deleteMapOnDispose;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly ManualResetEventSlim _done = new(false);
    private Thread? _thread;
    private int _writtenYamlVersion = int.MinValue;

    /// <param name="speed">Session seconds per real second; 0 runs flat out.</param>
    /// <param name="mapPath">Backing file of the map; null makes one in the temp folder (deleted on dispose).</param>
    public RaceReplayHost(IReplayedSession session, double speed = 1.0, string? mapPath = null)
        : this(session, speed, IrsdkWriter.CreateFile(mapPath ?? DefaultMapPath()), deleteMapOnDispose: mapPath is null)
    {
    }

    /// <summary>Publishes into a writer the caller made (e.g. the sim's named map on Windows); the host owns it.</summary>
    public RaceReplayHost(IReplayedSession session, double speed, IrsdkWriter writer) : this(session, speed, writer, deleteMapOnDispose: false)
    {
    }

    private RaceReplayHost(IReplayedSession session, double speed, IrsdkWriter writer, bool deleteMapOnDispose)
    {
        if (!(speed >= 0))
        {
            writer.Dispose();
            throw new ArgumentOutOfRangeException(nameof(speed));
        }
        Session = session;
        Speed = speed;
        _writer = writer;
        _deleteMapOnDispose = deleteMapOnDispose;
        PublishSessionInfo();
    }

    private static string DefaultMapPath() =>
        Path.Combine(Path.GetTempPath(), $"crewchief-race-{Environment.ProcessId}-{Interlocked.Increment(ref s_hosts)}.irsdk");

    private static int s_hosts;

    public IReplayedSession Session { get; }
    public double SessionTime => Session.Frame.SessionTime;
    public string Description => Session.Description;
    public double Speed { get; }
    public string? MapPath => _writer.FilePath;
    public IrsdkWriter Writer => _writer;

    /// <summary>Called on the replay thread after each frame is in the map. Keep it short.</summary>
    public Action<IReplayedSession, int>? AfterTick { get; set; }

    public Exception? Error { get; private set; }
    public bool IsRunning => _thread is not null && !_done.IsSet;

    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the replay is already running");
        _thread = new Thread(Run) { Name = "CrewChief race replay", IsBackground = true };
        _thread.Start();
    }

    public bool WaitForFinish(TimeSpan timeout) => _done.Wait(timeout);

    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    /// <summary>Writes the next frame on the caller's thread; false when the session has no more. Tests and
    /// benchmarks use it; never while the thread runs.</summary>
    public bool StepOnce(out int tick)
    {
        tick = 0;
        if (!Session.Step()) return false;
        if (Session.SessionInfoVersion != _writtenYamlVersion) PublishSessionInfo();
        tick = _writer.WriteFrame(Session.Frame);
        Session.Frame.TickCount = tick;
        Session.Frame.SessionInfoUpdate = _writer.SessionInfoUpdate;
        return true;
    }

    private void PublishSessionInfo()
    {
        _writtenYamlVersion = Session.SessionInfoVersion;
        _writer.WriteSessionInfo(Session.BuildSessionInfoYaml());
    }

    private void Run()
    {
        try
        {
            var clock = Stopwatch.StartNew();
            long ticks = 0;
            while (!_stop.IsSet && StepOnce(out int tick))
            {
                ticks++;
                AfterTick?.Invoke(Session, tick);
                if (Speed > 0)
                {
                    double due = ticks * Session.StepSeconds / Speed;
                    double wait = due - clock.Elapsed.TotalSeconds;
                    if (wait > 0.001) _stop.Wait(TimeSpan.FromSeconds(wait));
                }
            }
        }
        catch (Exception e)
        {
            Error = e;
        }
        finally
        {
            _writer.SetDisconnected();
            _done.Set();
        }
    }

    public void Dispose()
    {
        Stop();
        string? path = MapPath;
        _writer.Dispose();
        _stop.Dispose();
        _done.Dispose();
        if (_deleteMapOnDispose && path is not null)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
