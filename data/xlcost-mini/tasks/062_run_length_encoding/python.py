# Function to return the run length encoding of the string
def encode(s):
    n = len(s)
    result = ""
    i = 0
    while i < n:
        # Count the occurrences of the current character
        count = 1
        while i < n - 1 and s[i] == s[i + 1]:
            count += 1
            i += 1
        # Append the character and its count to the result
        result += s[i] + str(count)
        i += 1
    return result


# Driver code
s = "wwwwaaadexxxxxxywww"
print(encode(s))
