using CrewChief.Native.WindowsInput;

namespace CrewChief.Radio;

/// <summary>
/// Watches the push-to-talk button on its own thread and reports presses and releases. Linux: the joystick API's
/// /dev/input/jsN events (8 bytes: time, value, type, number), read blocking, no polling. Windows: joyGetPosEx /
/// GetAsyncKeyState polled every 10 ms (untested here). A missing device is one status line; the radio still
/// answers typed and HTTP questions.
/// </summary>
public sealed class PushToTalkButton : IDisposable
{
    private const byte JsEventButton = 0x01;
    private const byte JsEventInit = 0x80;

    private readonly PushToTalkSpec _spec;
    private readonly Action<bool> _changed;
    private readonly Thread _thread;
    private readonly FileStream? _js;
    private volatile bool _stopping;

    private PushToTalkButton(PushToTalkSpec spec, Action<bool> changed, FileStream? js)
    {
        _spec = spec;
        _changed = changed;
        _js = js;
        _thread = new Thread(js is null ? Poll : ReadJs) { Name = "crewchief-radio-ptt", IsBackground = true };
    }

    public string Description { get; private init; } = "";

    /// <summary>Starts watching; null with one line in <paramref name="error"/> when the device is missing.</summary>
    /// <param name="devicePath">Linux only: read joystick events from this file instead of /dev/input/jsN (tests).</param>
    public static PushToTalkButton? TryStart(PushToTalkSpec spec, Action<bool> changed, out string error, string? devicePath = null)
    {
        error = "";
        PushToTalkButton ptt;
        if (spec.Kind == PushToTalkKind.Joystick && !OperatingSystem.IsWindows())
        {
            string path = devicePath ?? $"/dev/input/js{spec.Device}";
            FileStream js;
            try
            {
                js = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"push-to-talk: cannot open {path} ({e.Message}); plug the wheel in, or add yourself to the 'input' group.";
                return null;
            }
            ptt = new PushToTalkButton(spec, changed, js) { Description = $"{path} button {spec.Button}" };
        }
        else if (OperatingSystem.IsWindows())
        {
            if (spec.Kind == PushToTalkKind.Joystick && !WindowsInput.TryJoystickButtons(spec.Device, out _))
            {
                error = $"push-to-talk: joystick {spec.Device} is not connected (winmm joyGetPosEx); check [radio] push_to_talk.";
                return null;
            }
            ptt = new PushToTalkButton(spec, changed, null)
            {
                Description = spec.Kind == PushToTalkKind.Joystick ? $"joystick {spec.Device} button {spec.Button}" : $"key 0x{spec.Button:X2}",
            };
        }
        else
        {
            error = "push-to-talk: a keyboard key needs Windows; on Linux use a joystick button (joystick:0:4) or \"voice\".";
            return null;
        }
        ptt._thread.Start();
        return ptt;
    }

    private void ReadJs()
    {
        Span<byte> ev = stackalloc byte[8];
        bool down = false;
        try
        {
            while (!_stopping)
            {
                if (_js!.ReadAtLeast(ev, 8, throwOnEndOfStream: false) < 8) return;
                byte type = (byte)(ev[6] & ~JsEventInit);
                if (type != JsEventButton || ev[7] != _spec.Button) continue;
                bool now = BitConverter.ToInt16(ev.Slice(4, 2)) != 0;
                if (now == down) continue;
                down = now;
                _changed(now);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Unplugged or closed at shutdown: the radio carries on without push-to-talk.
        }
    }

    private void Poll()
    {
        bool down = false;
        while (!_stopping)
        {
            bool now = _spec.Kind == PushToTalkKind.Key
                ? WindowsInput.IsKeyDown(_spec.Button)
                : WindowsInput.TryJoystickButtons(_spec.Device, out uint buttons) && (buttons & (1u << _spec.Button)) != 0;
            if (now != down)
            {
                down = now;
                _changed(now);
            }
            Thread.Sleep(10);
        }
    }

    /// <summary>Waits for the reader to end (a test's event file reaches its end).</summary>
    internal bool WaitEnded(int timeoutMs) => _thread.Join(timeoutMs);

    public void Dispose()
    {
        _stopping = true;
        _js?.Dispose();
        if (_thread.IsAlive) _thread.Join(500);
    }
}
