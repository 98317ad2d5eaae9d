using System.CommandLine;
using Peninsula.Access;
using Peninsula.Import;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula apikey create|list|revoke</c>: the keys that allow writes through the web API.</summary>
internal static class ApiKeyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("apikey", "Keys that allow writes (POST, PUT, DELETE /api/events) through the web API. Only a hash of each key is stored.");
        command.Subcommands.Add(CreateKey(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Revoke(context));
        return command;
    }

    private static Command CreateKey(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "What the key is for, e.g. analyst-laptop or kcna-importer." };
        var command = new Command("create", "Create a key and print it once: store it now, it cannot be shown again.") { name };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var (key, secret) = ApiKey.Create(parse.GetValue(name)!, context.Clock.GetUtcNow());
            await store.AddApiKeyAsync(key, cancellationToken).ConfigureAwait(false);
            context.RawOut.WriteLine(secret);
            context.Error.MarkupLine($"[grey]Created the key '{Markup.Escape(key.Name)}'. Send it in the X-Api-Key header. It is shown this once; Peninsula keeps only its hash.[/]");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("list", "List the keys: name, first characters, when created, and whether revoked.") { format };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var keys = await store.ApiKeysAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                context.RawOut.WriteLine(EventJson.SerializeValue(keys.Select(k => new { k.Name, k.Prefix, k.CreatedAt, k.RevokedAt, Active = k.IsActive })));
                return 0;
            }

            if (keys.Count == 0)
            {
                context.Out.MarkupLine("No API keys yet. Create one with [bold]peninsula apikey create NAME[/].");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Name");
            table.AddColumn("Begins");
            table.AddColumn("Created (UTC)");
            table.AddColumn("State");
            foreach (var k in keys)
            {
                table.AddRow(
                    Markup.Escape(k.Name), Markup.Escape(k.Prefix + "…"), k.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    k.RevokedAt is { } at ? $"[red]revoked {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)}[/]" : "[green]in force[/]");
            }

            context.Out.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The key's name." };
        var command = new Command("revoke", "Revoke a key: from now on it opens nothing. It stays in the list, marked revoked.") { name };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var keyName = parse.GetValue(name)!;
            if (!await store.RevokeApiKeyAsync(keyName, cancellationToken).ConfigureAwait(false))
            {
                throw new InputException($"There is no key '{keyName}' in force. 'peninsula apikey list' shows the keys.", field: "name");
            }

            context.Out.MarkupLine($"Revoked the key '{Markup.Escape(keyName)}'.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
