import pickle, zlib
with open("cache.pkl", "rb") as f:
    cache = pickle.loads(f.read())
data = zlib.decompress(raw)
