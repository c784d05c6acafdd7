using System.Diagnostics;

namespace CrewChief.Telemetry;

/// <summary>
/// Plays the part of iRacing for a second process: publishes a session (the demo race, a replayed real race) into the map a double-clicked
/// <c>crewchief run</c> looks for (on Windows the named map <c>Local\IRSDKMemMapFileName</c> with its data-valid
/// event; elsewhere a file-backed map given by path), and can restart the sim in the middle: the map is marked
/// disconnected, closed, and created again with a different layout, which is what the reader sees when a racer
/// quits iRacing and starts it again with another car.
/// </summary>
public sealed class SimStandIn
{
    /// <summary>How long the map stays marked disconnected before it is closed, and closed before it is recreated.
    /// Readers poll the status at least every 200 ms, so both halves are seen and the old handle is dropped.</summary>
    private static readonly TimeSpan s_restartPause = TimeSpan.FromSeconds(2);

    private readonly Func<int, IrsdkWriter, SimPublisher> _startSession;
    private readonly string? _mapPath;
    private readonly TextWriter _status;

    /// <param name="startSession">Makes the publisher of session N (0, then 1 after a restart) over a new writer;
    /// it owns the writer from then on.</param>
    /// <param name="mapPath">Null publishes iRacing's named map (Windows only); a path writes a file-backed map.</param>
    /// <param name="status">Where the stand-in says what it does (one line per step).</param>
    public SimStandIn(Func<int, IrsdkWriter, SimPublisher> startSession, string? mapPath, TextWriter status)
    {
        if (mapPath is null && !OperatingSystem.IsWindows())
            throw new InputException("--as-sim publishes iRacing's named map, which exists only on Windows; give --map FILE here.");
        _startSession = startSession;
        _mapPath = mapPath;
        _status = status;
    }

    /// <summary>Where readers find the map: iRacing's map name, or the file.</summary>
    public string MapName => _mapPath ?? IrsdkWriter.IRacingMapName;

    /// <summary>
    /// Runs the race; with <paramref name="restartAfter"/> the first session is cut after that many seconds of
    /// session time and a second session (new layout) runs to its end. Returns the sessions published.
    /// </summary>
    public int Run(double? restartAfter, CancellationToken cancel)
    {
        int sessions = restartAfter is null ? 1 : 2;
        for (int session = 0; session < sessions && !cancel.IsCancellationRequested; session++)
        {
            // A different YAML capacity moves the var headers and buffers: the reader must re-resolve everything.
            int capacity = IrsdkWriter.DefaultSessionInfoCapacity + session * 64 * 1024;
            using var host = _startSession(session, CreateWriter(capacity, cancel));
            _status.WriteLine($"sim: session {session + 1} of {sessions} publishing {MapName} ({host.Description}, layout {capacity / 1024} KiB YAML)");
            _status.Flush();
            host.Start();
            bool cut = session == 0 && restartAfter is not null;
            while (!host.WaitForFinish(TimeSpan.FromMilliseconds(50)))
            {
                if (cancel.IsCancellationRequested) break;
                if (cut && host.SessionTime >= restartAfter) break;
            }
            host.Stop();
            if (host.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(host.Error);
            host.Writer.SetDisconnected();
            _status.WriteLine(cut
                ? $"sim: session 1 closed at {host.SessionTime:0.0} s (sim restart)"
                : $"sim: session {session + 1} finished at {host.SessionTime:0.0} s");
            _status.Flush();
            cancel.WaitHandle.WaitOne(s_restartPause);
        }
        return sessions;
    }

    private IrsdkWriter CreateWriter(int capacity, CancellationToken cancel)
    {
        if (_mapPath is not null || !OperatingSystem.IsWindows()) return IrsdkWriter.CreateFile(_mapPath!, capacity);
        // A reader that has not yet noticed the restart still holds the old section open, and a named object lives
        // while any handle does: wait for it to let go rather than failing the restart.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return IrsdkWriter.CreateNamed(sessionInfoCapacity: capacity);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromSeconds(10) && !cancel.IsCancellationRequested)
            {
                Thread.Sleep(200);
            }
        }
    }
}
