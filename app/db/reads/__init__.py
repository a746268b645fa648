"""Read-side query helpers: batch loads for DataLoaders, filters, keyset pagination."""
