using CrewChief.Callouts;
namespace CrewChief.Tools.Eval;

/// <summary>How urgent the eval set says a case is; decides which urgency words the scorer expects.</summary>
public enum EvalUrgency : byte
{
    Info = 0,
    Warning,
    Critical,
}

/// <summary>One case of an eval set: a snapshot and what a good engineer's reply must carry.</summary>
public sealed class EvalCase
{
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public EvalUrgency Urgency { get; set; }
    public List<string> MustContainAny { get; } = [];
    public List<string> ExpectedElements { get; } = [];
    /// <summary>The event kind a race engineer would speak to here ("expected_topic"), or empty when the set does not say.</summary>
    public string ExpectedTopic { get; set; } = "";
    public RaceSnapshot Input { get; set; } = new();
}
