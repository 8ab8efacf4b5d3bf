"""``herald serve``: the web page and HTTP API."""
