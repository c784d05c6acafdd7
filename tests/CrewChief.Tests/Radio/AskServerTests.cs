using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CrewChief.Radio;
using CrewChief.Radio.Http;

namespace CrewChief.Tests.Radio;

public class AskServerTests
{
    private static (AskServer Server, DriverRadio Radio) Start()
    {
        var radio = new DriverRadio();
        radio.Publish(RadioFixtures.KnownState());
        var station = new RadioStation(radio, null, RadioFixtures.Context);
        var server = AskServer.TryStart(station, 0, out string error) ?? throw new InvalidOperationException(error);
        return (server, radio);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> Post(int port, string body, string path = "/ask")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var response = await http.PostAsync($"http://127.0.0.1:{port}{path}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task PostIntent_AnswersFromTheState()
    {
        var (server, _) = Start();
        using (server)
        {
            var (status, json) = await Post(server.Port, """{"intent":"fuel"}""");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("fuel", json.GetProperty("intent").GetString());
            Assert.Contains("42.6 L", json.GetProperty("answer").GetString());
            Assert.True(json.GetProperty("known").GetBoolean());
            Assert.Equal("template", json.GetProperty("source").GetString());
        }
    }

    [Fact]
    public async Task PostText_IsMatchedToAnIntent_AndCommandsApply()
    {
        var (server, radio) = Start();
        using (server)
        {
            var (_, json) = await Post(server.Port, """{"text":"what's the gap behind?"}""");
            Assert.Equal("gap_behind", json.GetProperty("intent").GetString());
            Assert.Contains("3.6s", json.GetProperty("answer").GetString());
            await Post(server.Port, """{"text":"keep quiet"}""");
            Assert.True(radio.Quiet);
        }
    }

    [Fact]
    public async Task BadRequests_GetOneClearError()
    {
        var (server, _) = Start();
        using (server)
        {
            var (status, json) = await Post(server.Port, "not json");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(json.TryGetProperty("error", out _));
            (status, json) = await Post(server.Port, """{"intent":"coffee"}""");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            (status, _) = await Post(server.Port, "{}", "/nope");
            Assert.Equal(HttpStatusCode.NotFound, status);
        }
    }

    [Fact]
    public async Task ListensOnLoopbackOnly()
    {
        var (server, _) = Start();
        using (server)
        {
            using var http = new HttpClient();
            string intents = await http.GetStringAsync($"http://127.0.0.1:{server.Port}/intents", TestContext.Current.CancellationToken);
            Assert.Contains("\"rejoin\"", intents);
            var addresses = Dns.GetHostAddresses(Dns.GetHostName()).Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)).ToList();
            foreach (var a in addresses)
            {
                using var tcp = new TcpClient();
                await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(a, server.Port, TestContext.Current.CancellationToken).AsTask());
            }
        }
    }

    [Fact]
    public void AskServer_TakenPort_IsOneLine()
    {
        var (server, radio) = Start();
        using (server)
        {
            var second = AskServer.TryStart(new RadioStation(radio, null, RadioFixtures.Context), server.Port, out string error);
            Assert.Null(second);
            Assert.Contains("http_port", error);
        }
    }
}
