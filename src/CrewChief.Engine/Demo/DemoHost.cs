using System.Diagnostics;
using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>
/// Runs a <see cref="DemoRace"/> on its own named thread and publishes every tick into an irsdk live map
/// (<see cref="IrsdkWriter"/>), so the engine attaches to <see cref="MapPath"/> with its real live reader exactly
/// as it would to iRacing. Paced at 60 Hz × <see cref="Speed"/>, or as fast as possible when Speed is 0.
/// The race and the writer belong to the sim thread while it runs; other threads read only the map.
/// </summary>
public sealed class DemoHost : ISimPublisher
{
    private readonly IrsdkWriter _writer;
    private readonly bool _deleteMapOnDispose;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly ManualResetEventSlim _done = new(false);
    private Thread? _thread;
    private int _writtenYamlVersion;

    /// <param name="speed">Simulated seconds per real second; 0 runs flat out.</param>
    /// <param name="mapPath">Backing file of the map; null makes one in the temp folder (deleted on dispose).</param>
    public DemoHost(DemoOptions options, double speed = 1.0, string? mapPath = null)
        : this(options, speed, IrsdkWriter.CreateFile(mapPath ?? DefaultMapPath()), deleteMapOnDispose: mapPath is null)
    {
    }

    /// <summary>Publishes into a writer the caller made (e.g. <see cref="IrsdkWriter.CreateNamed"/> on Windows); the
    /// host owns and disposes it.</summary>
    public DemoHost(DemoOptions options, double speed, IrsdkWriter writer) : this(options, speed, writer, deleteMapOnDispose: false)
    {
    }

    private DemoHost(DemoOptions options, double speed, IrsdkWriter writer, bool deleteMapOnDispose)
    {
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(speed);
            Race = new DemoRace(options);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        Speed = speed;
        _writer = writer;
        _deleteMapOnDispose = deleteMapOnDispose;
        PublishSessionInfo();
    }

    // Unique per host, not per process: two demos in one process (tests, the latency harness) must not share a map.
    private static string DefaultMapPath() =>
        Path.Combine(Path.GetTempPath(), $"crewchief-demo-{Environment.ProcessId}-{Interlocked.Increment(ref s_hosts)}.irsdk");

    private static int s_hosts;

    public DemoRace Race { get; }
    public double SessionTime => Race.SessionTime;
    public string Description => $"{Race.Track.DisplayName}, demo race";
    public double Speed { get; }
    /// <summary>The file-backed live map a reader maps (same layout as Local\IRSDKMemMapFileName); null when
    /// publishing a named map.</summary>
    public string? MapPath => _writer.FilePath;
    public IrsdkWriter Writer => _writer;

    /// <summary>
    /// Called on the sim thread after each tick is in the map (the tick count is the buffer's). Keep it short:
    /// it delays the next tick. The seam for in-process consumers; out-of-process ones read <see cref="MapPath"/>.
    /// </summary>
    public Action<DemoRace, int>? AfterTick { get; set; }

    /// <summary>The exception that stopped the sim thread, if any (reported, never thrown on that thread).</summary>
    public Exception? Error { get; private set; }

    public bool IsRunning => _thread is not null && !_done.IsSet;

    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the demo race is already running");
        _thread = new Thread(Run) { Name = "CrewChief demo race", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Blocks until the race is over or <see cref="Stop"/> is called. False on timeout.</summary>
    public bool WaitForFinish(TimeSpan timeout) => _done.Wait(timeout);

    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    /// <summary>Runs one tick on the caller's thread (tests and benchmarks; never while the thread runs).</summary>
    public int StepOnce()
    {
        Race.Step();
        int tick = _writer.WriteFrame(Race.Frame);
        if (Race.SessionInfoVersion != _writtenYamlVersion) PublishSessionInfo();
        // The frame now says what a reader of the map sees: the buffer's tickCount and the header's update count.
        Race.Frame.TickCount = tick;
        Race.Frame.SessionInfoUpdate = _writer.SessionInfoUpdate;
        return tick;
    }

    private void PublishSessionInfo()
    {
        _writtenYamlVersion = Race.SessionInfoVersion;
        _writer.WriteSessionInfo(Race.BuildSessionInfoYaml());
    }

    private void Run()
    {
        try
        {
            var clock = Stopwatch.StartNew();
            long ticks = 0;
            while (!Race.IsFinished && !_stop.IsSet)
            {
                int tick = StepOnce();
                ticks++;
                AfterTick?.Invoke(Race, tick);
                if (Speed > 0)
                {
                    double due = ticks * DemoRace.TickSeconds / Speed;
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
