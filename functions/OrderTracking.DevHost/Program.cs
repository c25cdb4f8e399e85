Console.WriteLine("DevHost: not implemented yet");
