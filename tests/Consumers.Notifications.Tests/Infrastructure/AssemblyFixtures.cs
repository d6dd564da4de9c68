using Bus.TestSupport;

[assembly: AssemblyFixture(typeof(ServerFixture))]
