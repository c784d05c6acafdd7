using System.Text;

namespace CrewChief.Tests.Pipeline;

/// <summary>
/// A transcript consumer that can be made to stop taking lines, as a paused console does: the director writes the
/// transcript on its own thread, so a stalled writer holds the director, and the tick's events pile up behind it.
/// </summary>
internal sealed class StallingWriter : TextWriter
{
    private readonly ManualResetEventSlim _open = new(initialState: true);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>From now on every line waits until <see cref="Release"/>.</summary>
    public void Stall() => _open.Reset();

    public void Release() => _open.Set();

    public override void Write(char value) => _open.Wait();

    public override void WriteLine(string? value) => _open.Wait();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _open.Set();
            _open.Dispose();
        }
        base.Dispose(disposing);
    }
}
