-- wrk script: each request asks for the score of an account picked at random from the file
-- named by the PATHS environment variable (one URL path per line).
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
math.randomseed(42)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
