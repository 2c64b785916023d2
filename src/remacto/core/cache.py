"""Django's Redis cache, keeping one client per connection pool instead of building one for every call.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for each cache operation; building one
fills its table of response callbacks (about 170 entries), which cost about a millisecond of CPU per ballot in
the vote benchmark (a ballot makes four cache calls: its limit, and the page cache's version). A client object
holds no connection of its own (its pool does) and is safe to share between threads.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    """One ``redis.Redis`` per connection pool, made on first use."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    """The ``redis`` cache backend with :class:`ReusingRedisCacheClient`."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
