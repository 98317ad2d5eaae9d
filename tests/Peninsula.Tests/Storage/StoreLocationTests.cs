using Npgsql;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("peninsula.db", false)]
    [InlineData("/var/lib/peninsula/record.db", false)]
    [InlineData("Host=db.example.org;Database=peninsula", true)]
    [InlineData("Username=analyst; host=localhost; Database=peninsula", true)]
    [InlineData("postgres://analyst@db.example.org/peninsula", true)]
    [InlineData("postgresql://analyst@db.example.org:5433/peninsula", true)]
    public void A_connection_string_or_postgres_url_names_a_server_store_and_anything_else_a_sqlite_file(string location, bool postgres) =>
        Assert.Equal(postgres, EventStores.IsPostgres(location));

    [Fact]
    public void A_postgres_url_becomes_a_connection_string_with_its_user_password_host_port_database_and_sslmode()
    {
        var builder = new NpgsqlConnectionStringBuilder(EventStores.PostgresConnectionString("postgres://analyst:s%40cret@db.example.org:5433/peninsula?sslmode=require"));
        Assert.Equal(("analyst", "s@cret", "db.example.org", 5433, "peninsula", SslMode.Require),
            (builder.Username, builder.Password, builder.Host, builder.Port, builder.Database, builder.SslMode));
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(EventStores.PostgresConnectionString("postgres://db.example.org/peninsula")).Port);
    }

    [Fact]
    public void A_postgres_url_with_a_parameter_it_does_not_understand_is_refused_by_name()
    {
        var error = Assert.Throws<InputException>(() => EventStores.PostgresConnectionString("postgres://db.example.org/peninsula?pool=9"));
        Assert.Contains("'pool'", error.Message);
        Assert.Equal("--db", error.Field);
    }

    [Fact]
    public void A_server_store_describes_itself_without_its_password()
    {
        var description = PostgresEventStore.Describe(new NpgsqlConnectionStringBuilder("Host=db.example.org;Port=5433;Database=peninsula;Password=s3cret"));
        Assert.Equal("PostgreSQL database peninsula on db.example.org:5433", description);
    }
}
