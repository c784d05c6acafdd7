using CrewChief.Config;
using CrewChief.Radio;

namespace CrewChief.Tests.Radio;

public class RadioInputTests
{
    [Theory]
    [InlineData("joystick:0:4", PushToTalkKind.Joystick, 0, 4)]
    [InlineData("JOYSTICK:2:31", PushToTalkKind.Joystick, 2, 31)]
    [InlineData("key:0x7C", PushToTalkKind.Key, 0, 0x7C)]
    [InlineData("voice", PushToTalkKind.Voice, 0, 0)]
    public void PushToTalkSpec_Parses(string text, PushToTalkKind kind, int device, int button)
    {
        Assert.True(PushToTalkSpec.TryParse(text, out var spec, out _));
        Assert.Equal(new PushToTalkSpec(kind, device, button), spec);
    }

    [Theory]
    [InlineData("joystick:0")]
    [InlineData("joystick:0:40")]
    [InlineData("key:0x1FF")]
    [InlineData("mouse")]
    public void PushToTalkSpec_RejectsWithAnExample(string text)
    {
        Assert.False(PushToTalkSpec.TryParse(text, out _, out string error));
        Assert.Contains("joystick:0:4", error);
    }

    [Fact]
    public void Config_ReadsTheRadioSection_AndNamesABadPushToTalk()
    {
        string dir = Directory.CreateTempSubdirectory("crewchief-radio-").FullName;
        try
        {
            string path = Path.Combine(dir, "crewchief.toml");
            File.WriteAllText(path, "[radio]\npush_to_talk = \"joystick:1:5\"\nhttp_port = 8765\nclick = false\n");
            var config = EngineConfig.Load(path);
            Assert.Equal("joystick:1:5", config.PushToTalk);
            Assert.Equal(8765, config.RadioHttpPort);
            Assert.False(config.RadioClick);
            Assert.Empty(config.Warnings);

            File.WriteAllText(path, "[radio]\npush_to_talk = \"wheel\"\n");
            var e = Assert.Throws<InputException>(() => EngineConfig.Load(path));
            Assert.Contains("crewchief.toml:2:", e.Message);
            Assert.Contains("radio.push_to_talk", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void VoiceActivity_HearsSpeechOverASteadyEngine_AndHangsOn()
    {
        var vad = new VoiceActivity();
        var rng = new Random(3);
        short[] Frame(double level) => Enumerable.Range(0, 320).Select(i => (short)(level * Math.Sin(i * 0.3) + rng.Next(-100, 100))).ToArray();
        for (int i = 0; i < 100; i++) Assert.False(vad.Update(Frame(300)) && i > 50); // the engine alone settles as the floor
        Assert.True(vad.Update(Frame(5000)));
        for (int i = 0; i < 10; i++) Assert.True(vad.Update(Frame(300))); // a pause between words
        bool still = true;
        for (int i = 0; i < 40; i++) still = vad.Update(Frame(300));
        Assert.False(still);
    }

    [Fact]
    public void RadioClick_IsShort_AndNotSilent()
    {
        short[] open = RadioClick.Pcm(22050, open: true);
        Assert.InRange(open.Length, 600, 700);
        Assert.Contains(open, s => Math.Abs((int)s) > 500);
    }
}
