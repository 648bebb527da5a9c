"""The offline demo: fictional companies' job boards, served on 127.0.0.1 in real API shapes."""
