using System.Diagnostics;

namespace CrewChief.Telemetry;

/// <summary>
/// A session published into an irsdk live map on its own named thread, the way a running sim fills it: the
/// built-in demo race or a replayed real race. Paced at <see cref="Speed"/>× session time, or flat out (0). The
/// session and the writer belong to the publishing thread while it runs; other threads (and processes) read only
/// the map. <see cref="SimStandIn"/> drives one for a second process to read.
/// </summary>
public abstract class SimPublisher : IDisposable
{
    private readonly IrsdkWriter _writer;
    private readonly bool _deleteMapOnDispose;
    private readonly string _threadName;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly ManualResetEventSlim _done = new(false);
    private Thread? _thread;
    private int _writtenYamlVersion = int.MinValue;

    /// <param name="writer">The map (owned from here on; disposed with the publisher).</param>
    /// <param name="speed">Session seconds per real second; 0 runs flat out.</param>
    /// <param name="deleteMapOnDispose">Delete the map's backing file on dispose (a temp file the publisher made).</param>
    protected SimPublisher(IrsdkWriter writer, double speed, bool deleteMapOnDispose, string threadName)
    {
        if (!(speed >= 0))
        {
            writer.Dispose();
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "the speed must be 0 (flat out) or more");
        }
        _writer = writer;
        _deleteMapOnDispose = deleteMapOnDispose;
        _threadName = threadName;
        Speed = speed;
    }

    public double Speed { get; }
    /// <summary>The file-backed live map a reader maps; null when publishing iRacing's named map.</summary>
    public string? MapPath => _writer.FilePath;
    public IrsdkWriter Writer => _writer;
    /// <summary>The exception that stopped the publishing thread, if any (reported, never thrown on that thread).</summary>
    public Exception? Error { get; private set; }
    public bool IsRunning => _thread is not null && !_done.IsSet;

    /// <summary>The session time of the newest frame written.</summary>
    public abstract double SessionTime { get; }
    /// <summary>One line for status output.</summary>
    public abstract string Description { get; }

    /// <summary>The frame the session fills on each step.</summary>
    protected abstract TelemetryFrame Frame { get; }
    /// <summary>Session seconds one step moves (what pacing divides).</summary>
    protected abstract double StepSeconds { get; }
    /// <summary>Bumped whenever <see cref="BuildSessionInfoYaml"/> would return something new.</summary>
    protected abstract int SessionInfoVersion { get; }
    protected abstract string BuildSessionInfoYaml();
    /// <summary>Moves the session one step and fills <see cref="Frame"/>; false when it has nothing more.</summary>
    protected abstract bool Advance();
    /// <summary>Publishing thread, after each frame is in the map: the in-process consumers' seam. Keep it short.</summary>
    protected virtual void OnPublished(int tick) { }

    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException($"{_threadName} is already running");
        if (_writtenYamlVersion == int.MinValue) PublishSessionInfo();
        _thread = new Thread(Run) { Name = _threadName, IsBackground = true };
        _thread.Start();
    }

    /// <summary>Blocks until the session is over or <see cref="Stop"/> is called. False on timeout.</summary>
    public bool WaitForFinish(TimeSpan timeout) => _done.Wait(timeout);

    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    /// <summary>
    /// Publishes the next frame on the caller's thread (tests, benchmarks, lock-step; never while the thread runs).
    /// The frame then says what a reader of the map sees: the buffer's tickCount and the header's update count.
    /// </summary>
    protected bool PublishNext(out int tick)
    {
        tick = 0;
        if (!Advance()) return false;
        // The YAML goes in before the frame that needs it (a driver change, a new car): a reader never sees a frame
        // whose session info is not yet there.
        if (SessionInfoVersion != _writtenYamlVersion) PublishSessionInfo();
        tick = _writer.WriteFrame(Frame);
        Frame.TickCount = tick;
        Frame.SessionInfoUpdate = _writer.SessionInfoUpdate;
        return true;
    }

    /// <summary>Writes the session YAML now (a constructor calls it so a reader has it before the first frame).</summary>
    protected void PublishSessionInfo()
    {
        _writtenYamlVersion = SessionInfoVersion;
        _writer.WriteSessionInfo(BuildSessionInfoYaml());
    }

    private void Run()
    {
        try
        {
            var clock = Stopwatch.StartNew();
            long ticks = 0;
            while (!_stop.IsSet && PublishNext(out int tick))
            {
                ticks++;
                OnPublished(tick);
                if (Speed > 0)
                {
                    double due = ticks * StepSeconds / Speed;
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
        GC.SuppressFinalize(this);
    }
}
