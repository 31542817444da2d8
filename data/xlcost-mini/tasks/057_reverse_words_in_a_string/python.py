# Function to reverse the order of the words in a string
def reverseWords(s):
    # Split the string into words separated by spaces
    words = s.split(" ")
    result = ""
    # Append the words from the last one to the first one
    for i in range(len(words) - 1, -1, -1):
        result += words[i]
        if i != 0:
            result += " "
    return result


# Driver code
s = "geeks quiz practice code"
print(reverseWords(s))
s = "i like this program very much"
print(reverseWords(s))
