using Bus.Messaging.Persistence;
using Npgsql;

namespace Bus.Messaging.Tests.Persistence;

public sealed class PostgresDefaults_Specs
{
    [Fact]
    public void A_connection_string_without_them_gets_no_reset_on_close_and_auto_prepare()
    {
        var result = new NpgsqlConnectionStringBuilder(
            ServiceDatabaseExtensions.WithPostgresDefaults("Host=db;Username=bus;Password=secret;Database=bus"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(32, result.MaxAutoPrepare);
        Assert.Equal("db", result.Host);
        Assert.Equal("secret", result.Password);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("host=db;no reset on close=False;max auto prepare=0")]
    public void Settings_the_connection_string_gives_are_kept(string connectionString)
    {
        var result = new NpgsqlConnectionStringBuilder(ServiceDatabaseExtensions.WithPostgresDefaults(connectionString));

        Assert.False(result.NoResetOnClose);
        Assert.Equal(0, result.MaxAutoPrepare);
    }
}
