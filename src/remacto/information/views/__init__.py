"""Pages of access to information: requests (filing, recording, the register, one request and its steps), the
published answers and documents, and the complaint to the national commission as a PDF."""
