using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Rammevaerk.Hosting;

public sealed class JsonLogOptions : ConsoleFormatterOptions
{
    public string Node { get; set; } = Environment.MachineName;
}

/// <summary>
/// One JSON object per line for a log collector (journald, Loki, Elastic …): <c>timestamp</c> (UTC, ISO 8601),
/// <c>level</c>, <c>node</c>, <c>traceId</c> and <c>spanId</c> of the request (W3C, the same the browser's
/// <c>traceparent</c> carries), <c>category</c>, <c>eventId</c>, <c>message</c> and <c>exception</c>. Used outside
/// Development (<c>Logging:Console:FormatterName=rammevaerk-json</c> by default there).
/// </summary>
public sealed class JsonLogFormatter(IOptionsMonitor<JsonLogOptions> options, TimeProvider clock) : ConsoleFormatter(Name)
{
    public new const string Name = "rammevaerk-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("node", options.CurrentValue.Node);
            if (Activity.Current is { } activity)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }
            json.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0) json.WriteNumber("eventId", logEntry.EventId.Id);
            json.WriteString("message", message);
            if (logEntry.Exception is { } e) json.WriteString("exception", e.ToString());
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }
}

public static class JsonLogs
{
    /// <summary>JSON lines on the console outside Development, unless <c>Logging:Console:FormatterName</c> says otherwise.</summary>
    public static void UseJsonLogsOutsideDevelopment(this WebApplicationBuilder builder, string node)
    {
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, JsonLogOptions>(o => o.Node = node);
        if (!SiteOptionsValidator.IsProduction(builder.Environment)) return;
        if (string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
            builder.Logging.AddConsole(o => o.FormatterName = JsonLogFormatter.Name);
    }
}
