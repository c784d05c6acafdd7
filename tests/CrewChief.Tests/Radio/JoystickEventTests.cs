using CrewChief.Config;
using CrewChief.Radio;

namespace CrewChief.Tests.Radio;

public class JoystickEventTests
{
    private static byte[] Event(uint time, short value, byte type, byte number)
    {
        var e = new byte[8];
        BitConverter.GetBytes(time).CopyTo(e, 0);
        BitConverter.GetBytes(value).CopyTo(e, 4);
        e[6] = type;
        e[7] = number;
        return e;
    }

    [Fact]
    public void LinuxJoystickEvents_PressAndRelease_OnlyTheConfiguredButton()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("the /dev/input/js event format is Linux's");
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [
                .. Event(0, 0, 0x81, 4),    // the driver's initial state of button 4 (init flag): up
                .. Event(10, 1, 0x01, 3),   // another button
                .. Event(20, 1, 0x01, 4),   // press
                .. Event(25, 900, 0x02, 4), // an axis with the same number
                .. Event(30, 1, 0x01, 4),   // repeat of the same state
                .. Event(40, 0, 0x01, 4),   // release
            ]);
            var seen = new List<bool>();
            using var ptt = PushToTalkButton.TryStart(new PushToTalkSpec(PushToTalkKind.Joystick, 0, 4), seen.Add, out string error, path);
            Assert.NotNull(ptt);
            Assert.True(ptt!.WaitEnded(5000));
            Assert.Equal([true, false], seen);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingJoystick_IsOneLine()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Linux device path");
        var ptt = PushToTalkButton.TryStart(new PushToTalkSpec(PushToTalkKind.Joystick, 9, 0), _ => { }, out string error, "/nonexistent/js9");
        Assert.Null(ptt);
        Assert.Contains("/nonexistent/js9", error);
    }
}
