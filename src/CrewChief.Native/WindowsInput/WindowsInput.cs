using System.Runtime.InteropServices;

namespace CrewChief.Native.WindowsInput;

/// <summary>
/// Push-to-talk inputs on Windows through in-box APIs: a wheel/joystick button with winmm's joyGetPosEx (every
/// DirectInput game controller shows up there, ids 0-15) and a keyboard key with user32's GetAsyncKeyState (works
/// while the sim has focus). Polled by the radio's push-to-talk thread. Written against the documented APIs but
/// NOT tested on Windows in this project's CI (Linux only).
/// </summary>
public static unsafe partial class WindowsInput
{
    private const uint JoyReturnButtons = 0x80;
    private const uint JoyErrNoError = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct JoyInfoEx
    {
        public uint Size, Flags, X, Y, Z, R, U, V, Buttons, ButtonNumber, Pov, Reserved1, Reserved2;
    }

    [LibraryImport("winmm.dll", EntryPoint = "joyGetPosEx")]
    private static partial uint JoyGetPosEx(uint joystickId, JoyInfoEx* info);

    [LibraryImport("user32.dll", EntryPoint = "GetAsyncKeyState")]
    private static partial short GetAsyncKeyStateNative(int virtualKey);

    /// <summary>The button bits (bit n = button n+1 down) of joystick <paramref name="id"/>; false when it is not connected.</summary>
    public static bool TryJoystickButtons(int id, out uint buttons)
    {
        buttons = 0;
        if (!OperatingSystem.IsWindows()) return false;
        var info = new JoyInfoEx { Size = (uint)sizeof(JoyInfoEx), Flags = JoyReturnButtons };
        if (JoyGetPosEx((uint)id, &info) != JoyErrNoError) return false;
        buttons = info.Buttons;
        return true;
    }

    /// <summary>Whether virtual key <paramref name="virtualKey"/> is held now.</summary>
    public static bool IsKeyDown(int virtualKey) => OperatingSystem.IsWindows() && (GetAsyncKeyStateNative(virtualKey) & 0x8000) != 0;
}
