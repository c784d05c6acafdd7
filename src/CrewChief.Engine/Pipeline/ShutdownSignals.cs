using System.Runtime.InteropServices;

namespace CrewChief.Pipeline;

/// <summary>
/// Turns Ctrl+C, Ctrl+Break, a closed console window and a system shutdown into one cancellation, so every stage
/// stops in order and the session log is flushed. On Windows, .NET maps a closed window to SIGHUP and logoff or
/// shutdown to SIGTERM; Windows gives a closing console about five seconds, plenty for a flush.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public CancellationToken Token => _cts.Token;

    public ShutdownSignals()
    {
        foreach (var signal in (ReadOnlySpan<PosixSignal>)[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT])
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the engine exits on its own once the stages have stopped and the log is flushed.
        context.Cancel = true;
        _cts.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
