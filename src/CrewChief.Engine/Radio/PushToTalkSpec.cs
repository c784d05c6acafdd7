using System.Globalization;

namespace CrewChief.Radio;

public enum PushToTalkKind : byte { Joystick, Key, Voice }

/// <summary>
/// What opens the radio, from `[radio] push_to_talk`: "joystick:DEVICE:BUTTON" (0-based; Linux /dev/input/jsDEVICE,
/// Windows joystick id DEVICE), "key:VK" (a Windows virtual-key code, e.g. key:0x7C for F13) or "voice" (voice
/// activity: the microphone is always listening).
/// </summary>
public readonly record struct PushToTalkSpec(PushToTalkKind Kind, int Device, int Button)
{
    public static bool TryParse(string text, out PushToTalkSpec spec, out string error)
    {
        spec = default;
        error = "";
        string[] parts = text.Trim().ToLowerInvariant().Split(':');
        switch (parts[0])
        {
            case "voice" when parts.Length == 1:
                spec = new(PushToTalkKind.Voice, 0, 0);
                return true;
            case "joystick" when parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int device)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int button) && device < 16 && button < 32:
                spec = new(PushToTalkKind.Joystick, device, button);
                return true;
            case "key" when parts.Length == 2 && TryKey(parts[1], out int vk):
                spec = new(PushToTalkKind.Key, 0, vk);
                return true;
        }
        error = $"is '{text}': expected \"joystick:DEVICE:BUTTON\" (e.g. joystick:0:4), \"key:VK\" (e.g. key:0x7C) or \"voice\"";
        return false;
    }

    private static bool TryKey(string s, out int vk) =>
        s.StartsWith("0x", StringComparison.Ordinal)
            ? int.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out vk) && vk is > 0 and < 256
            : int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out vk) && vk is > 0 and < 256;
}
