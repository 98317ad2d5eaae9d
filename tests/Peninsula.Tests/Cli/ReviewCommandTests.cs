using Peninsula.Cli.Commands;

namespace Peninsula.Tests.Cli;

public sealed class ReviewCommandTests
{
    [Fact]
    public void A_decision_without_by_is_kept_under_the_account_that_ran_the_command()
    {
        Assert.Equal($"{Environment.UserName} at the command line", ReviewCommand.Who(null));
        Assert.Equal($"{Environment.UserName} at the command line", ReviewCommand.Who("  "));
        Assert.Equal("Kim Analyst", ReviewCommand.Who(" Kim Analyst "));
    }
}
