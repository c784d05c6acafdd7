namespace CrewChief.Tools.Doctor;

/// <summary>How a <see cref="SetupFinding"/> stands: fine, works without it, or missing something the engine needs.</summary>
public enum SetupLevel { Ok, Warn, Fail }
