"""Looking inside a trained model: replayed states and gates, the cell calculator, connectivity,
units, predictions."""
