namespace Buurtplatform.Calendar.Ics;

/// <summary>An .ics file has a malformed value the reader cannot do without; says where.</summary>
public sealed class IcsFormatException : FormatException
{
    public IcsFormatException(int lineNumber, string message)
        : base($"Line {lineNumber}: {message}") => LineNumber = lineNumber;

    public IcsFormatException(int lineNumber, string message, Exception inner)
        : base($"Line {lineNumber}: {message}", inner) => LineNumber = lineNumber;

    /// <summary>The 1-based physical line on which the content line starts.</summary>
    public int LineNumber { get; }
}
