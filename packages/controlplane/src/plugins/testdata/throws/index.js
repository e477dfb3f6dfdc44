// A plugin whose module throws while it is evaluated.
throw new Error('plugin exploded');
